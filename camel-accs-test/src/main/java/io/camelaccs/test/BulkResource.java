package io.camelaccs.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

/** {@code /V1/bulk/{bulkUuid}/status}, {@code /detailed-status} and {@code /operation-status/{status}}. */
final class BulkResource {

    static final String ACL = "Magento_Logging::system_magento_logging_bulk_operations";

    private final BulkQueue queue;

    BulkResource(BulkQueue queue) {
        this.queue = queue;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "V1/bulk/{bulkUuid}/status", ACL, r -> queue.poll(r.param("bulkUuid"))),
                new Route("GET", "V1/bulk/{bulkUuid}/detailed-status", ACL,
                        r -> queue.pollDetailed(r.param("bulkUuid"))),
                new Route("GET", "V1/bulk/{bulkUuid}/operation-status/{status}", ACL, this::count));
    }

    private JsonNode count(ApiRequest request) {
        String status = request.param("status");
        try {
            return IntNode.valueOf(queue.count(request.param("bulkUuid"), Integer.parseInt(status)));
        } catch (NumberFormatException e) {
            throw CommerceException.invalidValue(status, "status");
        }
    }
}
