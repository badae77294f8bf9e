package io.camelaccs.test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal quote API, enough for the Commerce webhooks of the cart and of shipping: {@code POST /V1/carts} makes an
 * empty cart, {@code GET /V1/carts/{cartId}} reads it, {@code POST /V1/carts/{cartId}/items} adds a catalog product
 * (calling {@value CommerceWebhooks#CART_PRODUCT_ADD_BEFORE}, then {@value CommerceWebhooks#QUOTE_ADD_ITEM}), and
 * {@code POST /V1/carts/{cartId}/estimate-shipping-methods} returns the rates of two carriers (flat rate 5 per item,
 * table rate 15) as the hooks of {@value CommerceWebhooks#SHIPPING_ESTIMATE} leave them.
 */
final class CartResource {

    static final String ACL = "Magento_Cart::manage";

    private final ProductStore products;
    private final CommerceWebhooks hooks;
    private final Map<String, ObjectNode> carts = new ConcurrentHashMap<>();
    private final AtomicLong cartIds = new AtomicLong();
    private final AtomicLong itemIds = new AtomicLong();

    CartResource(ProductStore products, CommerceWebhooks hooks) {
        this.products = products;
        this.hooks = hooks;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "V1/carts", ACL, request -> create()),
                new Route("GET", "V1/carts/{cartId}", ACL, request -> cart(request).deepCopy()),
                new Route("POST", "V1/carts/{cartId}/items", ACL, this::addItem),
                new Route("POST", "V1/carts/{cartId}/estimate-shipping-methods", ACL, this::estimate));
    }

    private JsonNode create() {
        long id = cartIds.incrementAndGet();
        ObjectNode cart = Json.object().put("id", id).put("is_active", true).put("items_count", 0)
                .put("items_qty", 0);
        cart.putArray("items");
        carts.put(String.valueOf(id), cart);
        return Json.NODES.numberNode(id);
    }

    private ObjectNode cart(ApiRequest request) {
        String id = request.param("cartId");
        ObjectNode cart = carts.get(id);
        if (cart == null) {
            throw new CommerceException(404, "No such entity with %fieldName = %fieldValue",
                    Json.object().put("fieldName", "cartId").put("fieldValue", id));
        }
        return cart;
    }

    private JsonNode addItem(ApiRequest request) {
        ObjectNode cart = cart(request);
        JsonNode item = request.requireBodyField("cartItem");
        String sku = item.path("sku").asText("");
        if (sku.isEmpty()) {
            throw CommerceException.required("sku");
        }
        ObjectNode product = products.find(sku);
        if (product == null) {
            throw CommerceException.notFound(ProductResource.NOT_FOUND);
        }
        ObjectNode before = Json.object().put("eventName", "checkout_cart_product_add_before");
        before.putObject("data").set("product", product.deepCopy());
        ((ObjectNode) before.get("data")).putObject("info").put("qty", item.path("qty").asDouble(1));
        before = hooks.invoke(CommerceWebhooks.CART_PRODUCT_ADD_BEFORE, before);

        double qty = before.path("data").path("info").path("qty").asDouble(1);
        ObjectNode added = Json.object().put("item_id", itemIds.incrementAndGet()).put("sku", sku).put("qty", qty)
                .put("name", product.path("name").asText()).put("price", product.path("price").asDouble())
                .put("product_type", product.path("type_id").asText("simple"))
                .put("quote_id", cart.path("id").asText());
        ObjectNode after = Json.object().put("eventName", "sales_quote_add_item");
        after.putObject("data").set("quote_item", added);
        after = hooks.invoke(CommerceWebhooks.QUOTE_ADD_ITEM, after);
        ObjectNode stored = (ObjectNode) after.path("data").path("quote_item");
        synchronized (cart) {
            ((ArrayNode) cart.get("items")).add(stored);
            cart.put("items_count", cart.get("items").size());
            cart.put("items_qty", cart.path("items_qty").asDouble() + stored.path("qty").asDouble());
        }
        return stored.deepCopy();
    }

    private JsonNode estimate(ApiRequest request) {
        ObjectNode cart = cart(request);
        JsonNode address = request.requireBodyField("address");
        double qty;
        synchronized (cart) {
            qty = cart.path("items_qty").asDouble();
        }
        ObjectNode payload = Json.object().put("cartId", cart.path("id").asText());
        payload.set("address", address.deepCopy());
        ArrayNode rates = payload.putArray("result");
        rates.add(rate("flatrate", "flatrate", "Flat Rate", "Fixed", BigDecimal.valueOf(5).multiply(
                BigDecimal.valueOf(qty))));
        rates.add(rate("tablerate", "bestway", "Best Way", "Table Rate", BigDecimal.valueOf(15)));
        payload = hooks.invoke(CommerceWebhooks.SHIPPING_ESTIMATE, payload);
        JsonNode result = payload.get("result");
        return result == null ? Json.array() : result;
    }

    private static ObjectNode rate(String carrier, String method, String carrierTitle, String methodTitle,
                                   BigDecimal amount) {
        return Json.object().put("carrier_code", carrier).put("method_code", method)
                .put("carrier_title", carrierTitle).put("method_title", methodTitle).put("amount", amount)
                .put("base_amount", amount).put("available", true).put("error_message", "")
                .put("price_excl_tax", amount).put("price_incl_tax", amount);
    }
}
