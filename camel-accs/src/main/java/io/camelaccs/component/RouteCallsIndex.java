package io.camelaccs.component;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.camelaccs.http.Calls;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The {@link RouteCalls} of each running route, by route id, following what Camel does to the routes: registered as a
 * lifecycle strategy of the CamelContext, it follows each route as it starts, drops a route's entry when the route is
 * removed (a route added again under the same id gets a fresh one), and hears when a route's consumer starts again,
 * which is how a stop Camel gave up on (abortAfterTimeout) shows: Camel restarts the consumer and the route runs on.
 */
final class RouteCallsIndex extends LifecycleStrategySupport {

    private final Supplier<CamelContext> context;
    private final Map<String, RouteCalls> byRouteId = new ConcurrentHashMap<>();

    RouteCallsIndex(Supplier<CamelContext> context) {
        this.context = context;
    }

    /**
     * The calls of the exchanges of this route, which its graceful stop ends; null when no such route is running (a
     * ProducerTemplate's exchange).
     */
    Calls callsOf(String routeId) {
        RouteCalls watch = byRouteId.get(routeId);
        if (watch != null && watch.watching()) {
            return watch.calls();
        }
        // a route that started before this component did: followed from its first exchange on
        Route route = context.get().getRoute(routeId);
        return route == null ? null : follow(route).calls();
    }

    private RouteCalls follow(Route route) {
        // one at a time: the route's list of services is not meant for concurrent changes
        synchronized (byRouteId) {
            RouteCalls watch = byRouteId.get(route.getRouteId());
            if (watch == null || watch.route() != route || !route.getServices().contains(watch)) {
                // a new route, one added again under the same id (a reload), or one started again (a restarted route
                // gathers its services afresh)
                watch = new RouteCalls(route);
                route.addService(watch);
                byRouteId.put(route.getRouteId(), watch);
            }
            // stopped with its route
            ServiceHelper.startService(watch);
            return watch;
        }
    }

    /** How many routes are followed: removed routes are not. */
    int size() {
        return byRouteId.size();
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        // every route as it starts, before its first exchange: a stop that begins while an exchange is still on its
        // way to its first accs call (in a delay) must find the route's calls already followed
        for (Route route : routes) {
            follow(route);
        }
    }

    @Override
    public void onServiceAdd(CamelContext camelContext, Service service, Route route) {
        // Camel starts a route's consumer when the route starts, and again when it gives a stop up
        if (route != null && service != null && service == route.getConsumer()) {
            RouteCalls watch = byRouteId.get(route.getRouteId());
            if (watch != null && watch.route() == route) {
                watch.stopEnded();
            }
        }
    }

    @Override
    public void onRoutesRemove(Collection<Route> routes) {
        for (Route route : routes) {
            RouteCalls watch = byRouteId.get(route.getRouteId());
            // only the removed route's: one added again under its id may have its own by now
            if (watch != null && watch.route() == route) {
                byRouteId.remove(route.getRouteId(), watch);
            }
        }
    }
}
