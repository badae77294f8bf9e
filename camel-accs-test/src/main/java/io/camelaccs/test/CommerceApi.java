package io.camelaccs.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a Commerce path into what answers it: a synchronous operation, or its asynchronous ({@code /V1/async/...}) or
 * bulk ({@code /V1/async/bulk/...}) form, which queues the operation in the {@link BulkQueue}.
 */
final class CommerceApi {

    /**
     * What answers one request.
     *
     * @param resource the ACL resource a 401 names
     * @param params   the path parameters
     * @param action   computes the 200 body
     */
    record Dispatch(String resource, Map<String, String> params, Function<ApiRequest, JsonNode> action) {
    }

    private final CommerceRouter router;
    private final BulkQueue queue;

    CommerceApi(CommerceRouter router, BulkQueue queue) {
        this.router = router;
        this.queue = queue;
    }

    /** @throws CommerceException 404 when no operation has this method and path */
    Dispatch resolve(String method, List<String> segments) {
        if (segments.size() > 2 && segments.get(0).equals("V1") && segments.get(1).equals("async")) {
            if (method.equals("GET")) {
                throw CommerceException.noRoute(); // the queue takes writes only
            }
            boolean bulk = segments.get(2).equals("bulk");
            List<String> inner = new ArrayList<>();
            inner.add("V1");
            inner.addAll(segments.subList(bulk ? 3 : 2, segments.size()));
            return bulk ? bulk(method, inner) : async(method, inner);
        }
        CommerceRouter.Match match = router.find(method, segments);
        return new Dispatch(match.route().resource(), match.params(), match.route().handler()::handle);
    }

    private Dispatch async(String method, List<String> inner) {
        CommerceRouter.Match match = router.find(method, inner);
        return new Dispatch(match.route().resource(), match.params(), request -> queue.submit(match.route(),
                List.of(new BulkQueue.Submitted(match.params(), request.body(), null)), request.storeCode()));
    }

    private Dispatch bulk(String method, List<String> inner) {
        CommerceRouter.BulkMatch match = router.findBulk(method, inner);
        return new Dispatch(match.route().resource(), Map.of(), request -> {
            JsonNode body = request.body();
            if (body == null || !body.isArray()) {
                throw new CommerceException(400, "The request body of a bulk call must be a JSON array.");
            }
            List<BulkQueue.Submitted> operations = new ArrayList<>();
            for (JsonNode element : body) {
                if (!element.isObject()) {
                    operations.add(new BulkQueue.Submitted(Map.of(), element,
                            "Each element of a bulk request must be a JSON object."));
                } else {
                    operations.add(new BulkQueue.Submitted(params(match.paramNames(), element), element, null));
                }
            }
            return queue.submit(match.route(), operations, request.storeCode());
        });
    }

    /**
     * The path parameters of a bulk element: a field of that name, else one in an object inside it (the
     * {@code sku} of {@code {"product": {"sku": ...}}}). A missing one makes the operation fail when it runs.
     */
    private static Map<String, String> params(List<String> names, JsonNode element) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode value = element.get(name);
            if (value == null || !value.isValueNode()) {
                value = null;
                for (JsonNode field : element) {
                    if (field.isObject() && field.path(name).isValueNode()) {
                        value = field.get(name);
                        break;
                    }
                }
            }
            if (value != null && !value.isNull()) {
                params.put(name, value.asText());
            }
        }
        return params;
    }
}
