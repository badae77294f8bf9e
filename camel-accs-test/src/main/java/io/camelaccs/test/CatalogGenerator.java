package io.camelaccs.test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the seed data: products shaped like Commerce's (about 2 KB of JSON each), their source items and orders.
 * Everything follows from the seed: each item draws from its own random stream, so items can be generated in
 * parallel and still come out the same every time.
 * <p>
 * Timestamps fall in 2025 and cluster: imports give runs of products one {@code created_at}, and mass updates give
 * hundreds of products one {@code updated_at}, which is what makes watermark-based sync hard.
 */
final class CatalogGenerator {

    /** Every 97th SKU has a space and a slash, every 89th a plus: the characters that break naive URL building. */
    static final int SLASH_SKU_EVERY = 97;
    static final int PLUS_SKU_EVERY = 89;

    private static final long START = LocalDateTime.of(2025, 1, 2, 8, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long SPAN = 300L * 86_400;
    /** Mass updates, late in the year: many products share each of these updated_at values. */
    private static final int MASS_UPDATES = 24;

    /**
     * The first products are the Luma sample products the guide's examples name ({@code 24-MB01} and so on), so that
     * the examples work as written against the simulator.
     */
    static final DocumentedProduct[] DOCUMENTED_PRODUCTS = {
        new DocumentedProduct("24-MB01", "Joust Duffle Bag", 34),
        new DocumentedProduct("24-MB04", "Strive Shoulder Pack", 32),
        new DocumentedProduct("24-WB02", "Compete Track Tote", 32)};

    private static final String[] PREFIXES = {"MB", "MH", "MJ", "MP", "MS", "MT", "WB", "WH", "WJ", "WP", "WS", "WT",
        "24-MB", "24-WB", "24-UG", "24-WG"};
    private static final String[] ADJECTIVES = {"Aero", "Breathe-Easy", "Chaz", "Driven", "Endurance", "Fusion",
        "Gobi", "Hero", "Ida", "Juno", "Kenobi", "Lando", "Marco", "Nona", "Orion", "Proteus", "Quest", "Radiant",
        "Selene", "Tristan", "Ultra", "Vulcan", "Wayfarer", "Zeppelin"};
    private static final String[] NOUNS = {"Tee", "Tank", "Hoodie", "Jacket", "Pant", "Short", "Backpack",
        "Duffle Bag", "Water Bottle", "Yoga Mat", "Sports Watch", "Bolo Sport Watch", "Fitness Band", "Sweatshirt",
        "Capri", "Legging", "Bra", "Running Shoe", "Messenger Bag", "Gift Card"};
    private static final String[] COLORS = {"Black", "Blue", "Gray", "Green", "Orange", "Purple", "Red", "White",
        "Yellow"};
    private static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
    private static final String[] MATERIALS = {"Cotton", "Polyester", "Nylon", "Wool", "Spandex", "Organic Cotton",
        "CoolTech", "LumaTech", "Leather", "Mesh"};
    private static final String[] WORDS = ("the ultimate companion for your workout lightweight breathable fabric "
        + "wicks moisture away from skin keeps you cool and dry during intense training sessions reinforced seams "
        + "ergonomic design adjustable straps machine washable built to last through countless miles of trail and "
        + "road comfort meets performance whether you run lift stretch or travel this piece adapts to every move "
        + "with a modern fit and timeless style crafted from premium recycled materials").split(" ");
    private static final int[] ATTRIBUTE_SETS = {4, 9, 10, 11, 12, 15};
    private static final String[] ORDER_STATUSES = {"pending", "processing", "processing", "complete", "complete",
        "complete", "canceled", "closed", "holded"};
    private static final String[] FIRST_NAMES = {"Veronica", "John", "Maria", "Ahmed", "Yuki", "Lena", "Carlos",
        "Priya", "Tom", "Grace", "Ivan", "Sofia"};
    private static final String[] LAST_NAMES = {"Costello", "Smith", "Garcia", "Khan", "Tanaka", "Muller", "Rossi",
        "Patel", "Brown", "Nguyen", "Petrov", "Silva"};

    /** Texts are drawn from pools: distinct per product would cost a third of the generation for nothing. */
    private static final int TEXT_POOL = 101;

    /*
     * Subtrees every product has alike are shared between products: the store never changes a stored node (a write
     * stores a modified copy), so sharing is safe, and it saves a good part of the seeding time.
     */
    private static final ArrayNode EMPTY = Json.array();
    private static final ArrayNode WEBSITES = Json.array().add(1);
    private static final ObjectNode ROOT_CATEGORY = Json.object().put("position", 0).put("category_id", "2");
    private static final ArrayNode IMAGE_TYPES = Json.array().add("image").add("small_image").add("thumbnail");
    private static final ObjectNode OPTIONS_CONTAINER = attribute("options_container", "container2");
    private static final ObjectNode REQUIRED_OPTIONS = attribute("required_options", "0");
    private static final ObjectNode HAS_OPTIONS = attribute("has_options", "1");
    private static final ObjectNode NO_OPTIONS = attribute("has_options", "0");
    private static final ObjectNode TAXABLE = attribute("tax_class_id", "2");
    private static final ObjectNode NOT_TAXABLE = attribute("tax_class_id", "0");
    private static final ObjectNode GIFT_MESSAGE = attribute("gift_message_available", "2");

    private final long seed;
    private final String[] descriptions = new String[TEXT_POOL];
    private final String[] shortTexts = new String[TEXT_POOL];

    CatalogGenerator(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed ^ 0x7E47L);
        for (int i = 0; i < TEXT_POOL; i++) {
            descriptions[i] = "<p>" + sentences(r, 3) + "</p>";
            shortTexts[i] = sentences(r, 1);
        }
    }

    /** The seeded products, ids 1..count, in id order. */
    List<ObjectNode> products(int count) {
        long[] created = createdTimes(count, 0x51);
        long[] massUpdates = massUpdates(created);
        return IntStream.rangeClosed(1, count).parallel()
                .mapToObj(id -> product(id, created[id - 1], massUpdates)).toList();
    }

    /** One or two source items per stocked product: {@code default} always, {@code eu_warehouse} for every 5th. */
    List<ObjectNode> sourceItems(List<ObjectNode> products) {
        List<ObjectNode> items = new ArrayList<>(products.size() + products.size() / 5);
        for (ObjectNode p : products) {
            if (p.path("type_id").asText().equals("configurable")) {
                continue; // a configurable's stock lives on its children
            }
            ObjectNode stock = (ObjectNode) p.path("extension_attributes").path("stock_item");
            double qty = stock.path("qty").asDouble();
            items.add(sourceItem(p.path("sku").asText(), "default", qty, stock.path("is_in_stock").asBoolean()));
            long id = p.path("id").asLong();
            if (id % 5 == 0) {
                double euQty = random(id, 0xE0).nextInt(0, 50);
                items.add(sourceItem(p.path("sku").asText(), "eu_warehouse", euQty, euQty > 0));
            }
        }
        return items;
    }

    /** The seeded orders, entity ids 1..count, their items taken from the products. */
    List<ObjectNode> orders(int count, List<ObjectNode> products) {
        long[] created = createdTimes(count, 0x0D);
        long[] massUpdates = massUpdates(created);
        List<ObjectNode> sellable = products.stream()
                .filter(p -> !p.path("type_id").asText().equals("configurable")).toList();
        return IntStream.rangeClosed(1, count).parallel()
                .mapToObj(id -> order(id, created[id - 1], massUpdates, sellable)).toList();
    }

    // ---- products ----

    private ObjectNode product(int id, long createdAt, long[] massUpdates) {
        SplittableRandom r = random(id, 0x9);
        double typeDraw = r.nextDouble();
        String type = typeDraw < 0.7 ? "simple" : typeDraw < 0.85 ? "virtual" : "configurable";
        String prefix = PREFIXES[r.nextInt(PREFIXES.length)];
        String sku;
        if (id % SLASH_SKU_EVERY == 0) {
            sku = prefix + " " + id + "/" + SIZES[r.nextInt(SIZES.length)];
        } else if (id % PLUS_SKU_EVERY == 0) {
            sku = prefix + "+" + id;
        } else {
            sku = prefix + zeroPadded(id, 5);
        }
        String color = COLORS[r.nextInt(COLORS.length)];
        String size = SIZES[r.nextInt(SIZES.length)];
        String name = ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + NOUNS[r.nextInt(NOUNS.length)] + " "
                      + (type.equals("configurable") ? "" : color + " " + size + " ") + id;
        double price = Math.round((5 + r.nextDouble() * 195) * 100) / 100.0;
        if (id <= DOCUMENTED_PRODUCTS.length) {
            // after the draws, so that every other product comes out as it did before these existed
            DocumentedProduct documented = DOCUMENTED_PRODUCTS[id - 1];
            type = "simple";
            sku = documented.sku();
            name = documented.name();
            price = documented.price();
        }
        long updatedAt = r.nextDouble() < 0.4 ? laterMassUpdate(createdAt, massUpdates, r) : createdAt;
        double qty = r.nextDouble() < 0.1 ? 0 : r.nextInt(1, 1000);

        ObjectNode p = Json.object();
        p.put("id", id);
        p.put("sku", sku);
        p.put("name", name.trim());
        p.put("attribute_set_id", ATTRIBUTE_SETS[r.nextInt(ATTRIBUTE_SETS.length)]);
        p.put("price", price);
        p.put("status", r.nextDouble() < 0.9 ? 1 : 2);
        double visibilityDraw = r.nextDouble();
        p.put("visibility", visibilityDraw < 0.7 ? 4 : visibilityDraw < 0.9 ? 1 : visibilityDraw < 0.95 ? 2 : 3);
        p.put("type_id", type);
        p.put("created_at", SimulatorTime.formatEpochSecond(createdAt));
        p.put("updated_at", SimulatorTime.formatEpochSecond(updatedAt));
        if (!type.equals("virtual")) {
            p.put("weight", Math.round((0.2 + r.nextDouble() * 4.8) * 10) / 10.0);
        }

        ObjectNode ext = p.putObject("extension_attributes");
        ext.set("website_ids", WEBSITES);
        ArrayNode categoryLinks = ext.putArray("category_links");
        int category = 3 + r.nextInt(40);
        categoryLinks.addObject().put("position", r.nextInt(0, 100)).put("category_id", Integer.toString(category));
        categoryLinks.add(ROOT_CATEGORY);
        ObjectNode stock = ext.putObject("stock_item");
        stock.put("item_id", id).put("product_id", id).put("stock_id", 1).put("qty", qty).put("is_in_stock", qty > 0)
                .put("is_qty_decimal", false).put("show_default_notification_message", false)
                .put("use_config_min_qty", true).put("min_qty", 0).put("use_config_min_sale_qty", 1)
                .put("min_sale_qty", 1).put("use_config_max_sale_qty", true).put("max_sale_qty", 10000)
                .put("use_config_backorders", true).put("backorders", 0).put("use_config_notify_stock_qty", true)
                .put("notify_stock_qty", 1).put("use_config_qty_increments", true).put("qty_increments", 0)
                .put("use_config_enable_qty_inc", true).put("enable_qty_increments", false)
                .put("use_config_manage_stock", true).put("manage_stock", true).putNull("low_stock_date")
                .put("is_decimal_divided", false).put("stock_status_changed_auto", 0);

        p.set("product_links", EMPTY);
        p.set("options", EMPTY);
        String image = "/" + sku.charAt(0) + "/" + sku.charAt(1) + "/"
                       + slug(sku) + "-" + color.toLowerCase(Locale.ROOT)
                       + "_main.jpg";
        ObjectNode media = p.putArray("media_gallery_entries").addObject();
        media.put("id", id).put("media_type", "image").put("label", "").put("position", 1).put("disabled", false);
        media.set("types", IMAGE_TYPES);
        media.put("file", image.toLowerCase(Locale.ROOT));
        p.set("tier_prices", EMPTY);

        String urlKey = slug(name.trim());
        ArrayNode custom = p.putArray("custom_attributes");
        custom.addObject().put("attribute_code", "description").put("value", descriptions[r.nextInt(TEXT_POOL)]);
        custom.addObject().put("attribute_code", "short_description").put("value", shortTexts[r.nextInt(TEXT_POOL)]);
        custom.addObject().put("attribute_code", "url_key").put("value", urlKey);
        custom.addObject().put("attribute_code", "meta_title").put("value", name.trim());
        custom.addObject().put("attribute_code", "meta_keyword").put("value", name.trim().replace(' ', ','));
        custom.addObject().put("attribute_code", "meta_description").put("value", shortTexts[r.nextInt(TEXT_POOL)]);
        custom.addObject().put("attribute_code", "category_ids").putArray("value").add("2")
                .add(Integer.toString(category));
        custom.add(OPTIONS_CONTAINER);
        custom.add(REQUIRED_OPTIONS);
        custom.add(type.equals("configurable") ? HAS_OPTIONS : NO_OPTIONS);
        custom.add(type.equals("virtual") ? NOT_TAXABLE : TAXABLE);
        custom.addObject().put("attribute_code", "material").put("value", MATERIALS[r.nextInt(MATERIALS.length)]);
        custom.addObject().put("attribute_code", "color").put("value", color);
        if (!type.equals("configurable")) {
            custom.addObject().put("attribute_code", "size").put("value", size);
        }
        custom.add(GIFT_MESSAGE);
        return p;
    }

    private static ObjectNode attribute(String code, String value) {
        return Json.object().put("attribute_code", code).put("value", value);
    }

    private static ObjectNode sourceItem(String sku, String source, double qty, boolean inStock) {
        return Json.object().put("sku", sku).put("source_code", source).put("quantity", qty)
                .put("status", inStock ? 1 : 0);
    }

    // ---- orders ----

    private ObjectNode order(int id, long createdAt, long[] massUpdates, List<ObjectNode> sellable) {
        SplittableRandom r = random(id, 0x0D0D);
        String status = ORDER_STATUSES[r.nextInt(ORDER_STATUSES.length)];
        long updatedAt = status.equals("pending") ? createdAt : laterMassUpdate(createdAt, massUpdates, r);
        String first = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[r.nextInt(LAST_NAMES.length)];
        String email = (first + "." + last + id + "@example.com").toLowerCase(Locale.ROOT);

        ObjectNode o = Json.object();
        o.put("entity_id", id);
        o.put("increment_id", zeroPadded(id, 9));
        o.put("state", state(status));
        o.put("status", status);
        o.put("created_at", SimulatorTime.formatEpochSecond(createdAt));
        o.put("updated_at", SimulatorTime.formatEpochSecond(updatedAt));
        o.put("store_id", 1);
        o.put("base_currency_code", "USD");
        o.put("order_currency_code", "USD");
        o.put("customer_email", email);
        o.put("customer_firstname", first);
        o.put("customer_lastname", last);
        o.put("customer_is_guest", r.nextDouble() < 0.3 ? 1 : 0);

        ArrayNode items = o.putArray("items");
        int lines = 1 + r.nextInt(4);
        double subtotal = 0;
        int totalQty = 0;
        for (int line = 1; line <= lines; line++) {
            ObjectNode product = sellable.isEmpty() ? null : sellable.get(r.nextInt(sellable.size()));
            int qty = 1 + r.nextInt(3);
            double price = product == null ? 10 + line : product.path("price").asDouble();
            double rowTotal = Math.round(price * qty * 100) / 100.0;
            subtotal += rowTotal;
            totalQty += qty;
            ObjectNode item = items.addObject();
            item.put("item_id", (long) id * 10 + line);
            item.put("order_id", id);
            item.put("sku", product == null ? "ITEM-" + line : product.path("sku").asText());
            item.put("name", product == null ? "Item " + line : product.path("name").asText());
            item.put("product_id", product == null ? 0 : product.path("id").asLong());
            item.put("product_type", product == null ? "simple" : product.path("type_id").asText());
            item.put("qty_ordered", qty);
            item.put("price", price);
            item.put("row_total", rowTotal);
        }
        double shipping = 5.0 * lines;
        double tax = Math.round(subtotal * 0.0825 * 100) / 100.0;
        o.put("subtotal", Math.round(subtotal * 100) / 100.0);
        o.put("shipping_amount", shipping);
        o.put("tax_amount", tax);
        o.put("grand_total", Math.round((subtotal + shipping + tax) * 100) / 100.0);
        o.put("total_qty_ordered", totalQty);
        ObjectNode billing = o.putObject("billing_address");
        billing.put("address_type", "billing").put("firstname", first).put("lastname", last)
                .put("email", email).put("city", "Calder").put("region", "Michigan").put("postcode", "49628-7978")
                .put("country_id", "US").put("telephone", "(555) 229-3326");
        billing.putArray("street").add((100 + id % 900) + " Main Street");
        o.putObject("payment").put("method", "checkmo");
        return o;
    }

    private static String state(String status) {
        return switch (status) {
            case "pending" -> "new";
            case "holded" -> "holded";
            default -> status;
        };
    }

    // ---- time ----

    /** Ascending creation times with runs of equal values, over {@link #SPAN} whatever the count. */
    private long[] createdTimes(int count, int stream) {
        long[] times = new long[count];
        SplittableRandom r = new SplittableRandom(seed ^ (0x7F4A7C15L * stream));
        double meanStep = (double) SPAN / (count * 0.65 + 1);
        long t = START;
        for (int i = 0; i < count; i++) {
            if (i > 0 && r.nextDouble() >= 0.35) {
                t += 1 + (long) (r.nextDouble() * 2 * meanStep);
            }
            times[i] = t;
        }
        return times;
    }

    private long[] massUpdates(long[] created) {
        long last = created.length == 0 ? START : created[created.length - 1];
        long[] updates = new long[MASS_UPDATES];
        SplittableRandom r = new SplittableRandom(seed ^ 0x3A55L);
        for (int i = 0; i < MASS_UPDATES; i++) {
            updates[i] = START + SPAN / 2 + (SPAN / 2) * i / MASS_UPDATES + r.nextInt(3600);
        }
        updates[MASS_UPDATES - 1] = Math.max(updates[MASS_UPDATES - 1], last + 3600);
        return updates;
    }

    /** A mass update after the creation time, or the creation time when none comes later. */
    private static long laterMassUpdate(long createdAt, long[] massUpdates, SplittableRandom r) {
        int first = 0;
        while (first < massUpdates.length && massUpdates[first] <= createdAt) {
            first++;
        }
        return first == massUpdates.length ? createdAt : massUpdates[first + r.nextInt(massUpdates.length - first)];
    }

    private static String sentences(SplittableRandom r, int count) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < count; s++) {
            int words = 12 + r.nextInt(10);
            for (int w = 0; w < words; w++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                sb.append(word).append(w == words - 1 ? ". " : " ");
            }
        }
        return sb.toString().trim();
    }

    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** Lower case, every run of other characters than letters and digits one dash (a URL key). */
    private static String slug(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean dash = false;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                sb.append(c);
                dash = false;
            } else if (!dash) {
                sb.append('-');
                dash = true;
            }
        }
        return sb.toString();
    }

    private SplittableRandom random(long id, long stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id * 0xBF58476D1CE4E5B9L + stream);
    }

    /** A product the documentation names. */
    record DocumentedProduct(String sku, String name, double price) {
    }
}
