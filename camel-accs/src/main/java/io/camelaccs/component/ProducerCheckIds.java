package io.camelaccs.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health check ids for a component's producers, named after the route that created the endpoint
 * ({@code producer:accs-orders}; the second accs endpoint created for that route {@code producer:accs-orders-2}), so
 * an id does not change when a route is added before it, as Camel's generated endpoint ids ({@code endpoint3}) do. An
 * endpoint several routes use is created, and named, by the first of them; one created outside any route (a
 * ProducerTemplate's) keeps Camel's endpoint id.
 */
final class ProducerCheckIds {

    /** Per route id: the URIs of the endpoints created for it, in the order the route names them. */
    private final Map<String, List<String>> byRoute = new ConcurrentHashMap<>();

    /**
     * @param componentName the component's name in the context ({@code accs}, {@code accsEu})
     * @param routeId       the route being created, or null
     * @param uri           the endpoint's URI: the same endpoint created again (a reloaded route) keeps its id
     * @return the id, or null when no route is being created
     */
    String idFor(String componentName, String routeId, String uri) {
        if (routeId == null || routeId.isEmpty()) {
            return null;
        }
        List<String> uris = byRoute.computeIfAbsent(routeId, r -> new ArrayList<>());
        int index;
        synchronized (uris) {
            index = uris.indexOf(uri);
            if (index < 0) {
                uris.add(uri);
                index = uris.size() - 1;
            }
        }
        return "producer:" + componentName + "-" + routeId + (index == 0 ? "" : "-" + (index + 1));
    }
}
