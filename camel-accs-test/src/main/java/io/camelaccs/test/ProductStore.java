package io.camelaccs.test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated catalog: products by SKU, thread-safe. What the REST resources change is visible here at once and
 * the other way round, so a test can arrange data before a route runs and check it after.
 * <p>
 * Nodes handed out are copies: changing them changes nothing in the store.
 * <p>
 * Every save and delete, through the REST API or these methods, publishes a Commerce event to the
 * {@link EventJournal}, in the order the changes were made (seed data publishes none).
 */
public final class ProductStore {

    /** Store codes that mean the global (default) values rather than a store view's own. */
    static final Set<String> GLOBAL_SCOPES = Set.of("all", "default", "admin");

    private final EntityTable table = new EntityTable();
    private final Map<String, Map<String, String>> storeNames = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SourceItemStore sourceItems;
    private final EventJournal events;

    ProductStore(Clock clock, SourceItemStore sourceItems, EventJournal events) {
        this.clock = clock;
        this.sourceItems = sourceItems;
        this.events = events;
    }

    /** The number of products. */
    public int size() {
        return table.size();
    }

    /** A copy of the product with this SKU (exact, case-sensitive), if there is one. */
    public Optional<ObjectNode> get(String sku) {
        ObjectNode product = table.get(sku);
        return Optional.ofNullable(product == null ? null : product.deepCopy());
    }

    /** Every SKU, in entity id order. */
    public List<String> skus() {
        return table.snapshot().stream().map(p -> p.path("sku").asText()).toList();
    }

    /**
     * Creates or updates a product as {@code PUT /V1/products/{sku}} does: the given fields are merged into the
     * existing product ({@code custom_attributes} by {@code attribute_code}), {@code updated_at} becomes now; a new
     * product gets an id and defaults.
     *
     * @param product a product object with at least {@code sku}
     * @return a copy of the stored product
     */
    public ObjectNode upsert(JsonNode product) {
        if (product == null || !product.isObject()) {
            throw new IllegalArgumentException("A product is a JSON object, not " + product);
        }
        return upsert(product, null).deepCopy();
    }

    /**
     * Changes a product in place and bumps its {@code updated_at}, as an edit in the Commerce admin would.
     *
     * @return a copy of the changed product, or empty when there is no such SKU
     */
    public synchronized Optional<ObjectNode> update(String sku, Consumer<ObjectNode> change) {
        ObjectNode updated = table.update(sku, current -> {
            ObjectNode copy = current.deepCopy();
            change.accept(copy);
            copy.put("sku", sku);
            copy.put("updated_at", SimulatorTime.format(clock.instant()));
            return copy;
        });
        if (updated != null) {
            events.publish(CommerceEventFactory.PRODUCT_SAVE, updated);
        }
        return Optional.ofNullable(updated == null ? null : updated.deepCopy());
    }

    /** Deletes a product and its source items; false when there was none. */
    public synchronized boolean delete(String sku) {
        ObjectNode removed = table.remove(sku);
        if (removed != null) {
            storeNames.remove(sku);
            sourceItems.deleteSku(sku);
            events.publish(CommerceEventFactory.PRODUCT_DELETE, removed);
        }
        return removed != null;
    }

    /** Sets the name a store view shows for a product (its store-scoped value). */
    public void storeName(String sku, String storeCode, String name) {
        storeNames.computeIfAbsent(sku, k -> new ConcurrentHashMap<>()).put(storeCode, name);
    }

    /** The name a store view has of its own for a product, if any. */
    public Optional<String> storeName(String sku, String storeCode) {
        Map<String, String> names = storeNames.get(sku);
        return Optional.ofNullable(names == null ? null : names.get(storeCode));
    }

    // ---- used by the resources ----

    List<ObjectNode> snapshot() {
        return table.snapshot();
    }

    ObjectNode find(String sku) {
        return table.get(sku);
    }

    /** The product as a store view shows it: its own name when it has one. */
    JsonNode view(JsonNode product, String storeCode) {
        if (storeCode == null || GLOBAL_SCOPES.contains(storeCode)) {
            return product;
        }
        Map<String, String> names = storeNames.get(product.path("sku").asText());
        String name = names == null ? null : names.get(storeCode);
        if (name == null) {
            return product;
        }
        ObjectNode copy = ((ObjectNode) product).deepCopy();
        copy.put("name", name);
        return copy;
    }

    /**
     * Upserts in a store scope: a name written with a store view's code becomes that view's name, as Commerce keeps
     * store-scoped attribute values apart from the default ones.
     */
    synchronized ObjectNode upsert(JsonNode product, String storeCode) {
        String sku = product.path("sku").asText("");
        if (sku.isEmpty()) {
            throw new CommerceException(400, "The \"%1\" attribute value is empty. Set the attribute and try again.",
                    Json.array().add("sku"));
        }
        ObjectNode incoming = ((ObjectNode) product).deepCopy();
        boolean storeScoped = storeCode != null && !GLOBAL_SCOPES.contains(storeCode);
        if (storeScoped && incoming.hasNonNull("name")) {
            storeName(sku, storeCode, incoming.remove("name").asText());
        }
        String now = SimulatorTime.format(clock.instant());
        ObjectNode stored = table.upsert(sku, (current, id) -> {
            ObjectNode merged = current == null ? defaults(id, sku, now) : current.deepCopy();
            merge(merged, incoming);
            merged.put("id", id);
            merged.put("sku", sku);
            merged.put("updated_at", now);
            if (current != null) {
                merged.set("created_at", current.get("created_at"));
            }
            return merged;
        });
        events.publish(CommerceEventFactory.PRODUCT_SAVE, stored);
        return stored;
    }

    /**
     * The product as saving this input would make it (without saving it): what a Commerce webhook of the save sees.
     */
    ObjectNode preview(JsonNode product) {
        String sku = product.path("sku").asText("");
        ObjectNode current = table.get(sku);
        ObjectNode merged = current == null ? defaults(0, sku, SimulatorTime.format(clock.instant()))
                : current.deepCopy();
        merge(merged, ((ObjectNode) product).deepCopy());
        return merged;
    }

    void load(List<ObjectNode> products) {
        table.load(products.stream().map(p -> p.path("sku").asText()).toList(),
                products.stream().map(p -> p.path("id").asLong()).toList(), products);
    }

    private static ObjectNode defaults(long id, String sku, String now) {
        ObjectNode p = Json.object();
        p.put("id", id);
        p.put("sku", sku);
        p.put("name", sku);
        p.put("attribute_set_id", 4);
        p.put("price", 0);
        p.put("status", 1);
        p.put("visibility", 4);
        p.put("type_id", "simple");
        p.put("created_at", now);
        p.put("updated_at", now);
        p.putObject("extension_attributes").putArray("website_ids").add(1);
        p.putArray("product_links");
        p.putArray("options");
        p.putArray("media_gallery_entries");
        p.putArray("tier_prices");
        p.putArray("custom_attributes");
        return p;
    }

    /** Commerce's partial update: given fields win, custom attributes merge by code, extension attributes by key. */
    private static void merge(ObjectNode target, ObjectNode incoming) {
        for (Map.Entry<String, JsonNode> field : incoming.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("custom_attributes") && value.isArray() && target.path(name).isArray()) {
                mergeCustomAttributes((ArrayNode) target.get(name), (ArrayNode) value);
            } else if (name.equals("extension_attributes") && value.isObject() && target.path(name).isObject()) {
                ((ObjectNode) target.get(name)).setAll((ObjectNode) value);
            } else if (!name.equals("id") && !name.equals("created_at") && !name.equals("updated_at")) {
                target.set(name, value);
            }
        }
    }

    private static void mergeCustomAttributes(ArrayNode target, ArrayNode incoming) {
        for (JsonNode attribute : incoming) {
            String code = attribute.path("attribute_code").asText(null);
            boolean replaced = false;
            for (int i = 0; code != null && i < target.size(); i++) {
                if (code.equals(target.get(i).path("attribute_code").asText(null))) {
                    target.set(i, attribute);
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                target.add(attribute);
            }
        }
    }
}
