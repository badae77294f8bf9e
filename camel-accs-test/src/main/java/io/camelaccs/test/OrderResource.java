package io.camelaccs.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /V1/orders} (search) and {@code /V1/orders/{id}}. */
final class OrderResource {

    static final String ACL = "Magento_Sales::actions_view";

    private final OrderStore orders;
    private final SearchEngine engine;

    OrderResource(OrderStore orders, SearchEngine engine) {
        this.orders = orders;
        this.engine = engine;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "V1/orders", ACL, this::search),
                new Route("GET", "V1/orders/{id}", ACL, this::get));
    }

    private JsonNode search(ApiRequest request) {
        return engine.search(orders.snapshot(), SearchQuery.parse(request.query()), order -> order);
    }

    private JsonNode get(ApiRequest request) {
        String id = request.param("id");
        long entityId;
        try {
            entityId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new CommerceException(400,
                    "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.",
                    Json.object().put("value", id).put("type", "int"));
        }
        ObjectNode order = orders.find(entityId);
        if (order == null) {
            throw CommerceException.notFound(
                    "The entity that was requested doesn't exist. Verify the entity and try again.");
        }
        return order;
    }
}
