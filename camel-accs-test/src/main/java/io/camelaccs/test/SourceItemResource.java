package io.camelaccs.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /V1/inventory/source-items} (search, save) and {@code /V1/inventory/source-items-delete}. */
final class SourceItemResource {

    static final String ACL = "Magento_InventoryApi::source";

    private final SourceItemStore sourceItems;
    private final SearchEngine engine;

    SourceItemResource(SourceItemStore sourceItems, SearchEngine engine) {
        this.sourceItems = sourceItems;
        this.engine = engine;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "V1/inventory/source-items", ACL, this::search),
                new Route("POST", "V1/inventory/source-items", ACL, this::save),
                new Route("POST", "V1/inventory/source-items-delete", ACL, this::delete));
    }

    private JsonNode search(ApiRequest request) {
        return engine.search(sourceItems.snapshot(), SearchQuery.parse(request.query()), item -> item);
    }

    /** Validates every item before saving any, as Commerce's save is all or nothing. */
    private JsonNode save(ApiRequest request) {
        JsonNode items = items(request);
        for (JsonNode item : items) {
            validate(item);
        }
        for (JsonNode item : items) {
            sourceItems.upsert(item);
        }
        return Json.array();
    }

    private JsonNode delete(ApiRequest request) {
        JsonNode items = items(request);
        for (JsonNode item : items) {
            validate(item);
        }
        for (JsonNode item : items) {
            sourceItems.delete(item.path("sku").asText(), item.path("source_code").asText());
        }
        return Json.array();
    }

    private static JsonNode items(ApiRequest request) {
        JsonNode items = request.requireBodyField("sourceItems");
        if (!items.isArray()) {
            throw CommerceException.invalidValue(items.toString(), "sourceItems");
        }
        return items;
    }

    private static void validate(JsonNode item) {
        if (!item.isObject()) {
            throw CommerceException.invalidValue(item.toString(), "sourceItems");
        }
        for (String field : List.of("sku", "source_code")) {
            if (item.path(field).asText("").isEmpty()) {
                throw CommerceException.required(field);
            }
        }
        JsonNode quantity = item.get("quantity");
        if (quantity != null && !quantity.isNull() && !quantity.isNumber()
            && !quantity.asText().matches("-?\\d+(\\.\\d+)?")) {
            throw CommerceException.invalidValue(quantity.asText(), "quantity");
        }
    }
}
