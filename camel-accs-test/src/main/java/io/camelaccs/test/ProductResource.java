package io.camelaccs.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /V1/products} and {@code /V1/products/{sku}}: search, read, create, upsert, delete. */
final class ProductResource {

    static final String ACL = "Magento_Catalog::products";
    static final String NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";

    private final ProductStore products;
    private final SearchEngine engine;
    private final CommerceWebhooks hooks;

    ProductResource(ProductStore products, SearchEngine engine, CommerceWebhooks hooks) {
        this.products = products;
        this.engine = engine;
        this.hooks = hooks;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "V1/products", ACL, this::search),
                new Route("POST", "V1/products", ACL, this::create),
                new Route("GET", "V1/products/{sku}", ACL, this::get),
                new Route("PUT", "V1/products/{sku}", ACL, this::put),
                new Route("DELETE", "V1/products/{sku}", ACL, this::delete));
    }

    private JsonNode search(ApiRequest request) {
        SearchQuery query = SearchQuery.parse(request.query());
        return engine.search(products.snapshot(), query, p -> products.view(p, request.storeCode()));
    }

    private JsonNode get(ApiRequest request) {
        ObjectNode product = products.find(request.param("sku"));
        if (product == null) {
            throw CommerceException.notFound(NOT_FOUND);
        }
        return products.view(product, request.storeCode());
    }

    private JsonNode create(ApiRequest request) {
        return save(product(request), request.storeCode());
    }

    private JsonNode put(ApiRequest request) {
        ObjectNode product = ((ObjectNode) product(request)).deepCopy();
        // the path names the product; a different sku in the body does not move it elsewhere
        product.put("sku", request.param("sku"));
        return save(product, request.storeCode());
    }

    /**
     * Saves after the hooks of the save had their say: they see the product as it would be saved, may refuse the
     * save (a {@link CommerceException} with their message) or change it ({@code replace data/product/name}).
     */
    private JsonNode save(JsonNode product, String storeCode) {
        if (!product.path("sku").asText("").isEmpty()) {
            for (String method : new String[] {CommerceWebhooks.PRODUCT_SAVE_BEFORE,
                    CommerceWebhooks.PRODUCT_SAVE_AFTER}) {
                if (!hooks.hasSubscribers(method)) {
                    continue;
                }
                ObjectNode payload = Json.object().put("eventName", method.substring("observer.".length()));
                payload.putObject("data").set("product", products.preview(product));
                ObjectNode answered = hooks.invoke(method, payload);
                if (!answered.equals(payload)) {
                    // only a changed product replaces the input: a store-scoped name stays the store view's own
                    product = answered.path("data").path("product");
                }
            }
        }
        return products.view(products.upsert(product, storeCode), storeCode);
    }

    private JsonNode delete(ApiRequest request) {
        if (!products.delete(request.param("sku"))) {
            throw CommerceException.notFound(NOT_FOUND);
        }
        return BooleanNode.TRUE;
    }

    private static JsonNode product(ApiRequest request) {
        JsonNode product = request.requireBodyField("product");
        if (!product.isObject()) {
            throw CommerceException.invalidValue(product.toString(), "product");
        }
        return product;
    }
}
