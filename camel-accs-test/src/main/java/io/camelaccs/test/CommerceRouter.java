package io.camelaccs.test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link Route} of a request. Commerce answers an unknown path and a known path with the wrong method alike:
 * 404 "Request does not match any route.".
 */
final class CommerceRouter {

    /** A route and the path parameters of one request. */
    record Match(Route route, Map<String, String> params) {
    }

    /** A route in its bulk form and the names of the parameters each bulk element has to supply. */
    record BulkMatch(Route route, List<String> paramNames) {
    }

    private final List<Route> routes;

    CommerceRouter(List<Route> routes) {
        // literal segments win over parameters, as in Commerce's router
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::literalCount).reversed()).toList();
    }

    Match find(String method, List<String> segments) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Map<String, String> params = route.match(segments);
                if (params != null) {
                    return new Match(route, params);
                }
            }
        }
        throw CommerceException.noRoute();
    }

    BulkMatch findBulk(String method, List<String> segments) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                List<String> names = route.matchBulk(segments);
                if (names != null) {
                    return new BulkMatch(route, names);
                }
            }
        }
        throw CommerceException.noRoute();
    }
}
