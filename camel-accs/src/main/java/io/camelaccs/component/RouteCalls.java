package io.camelaccs.component;

import io.camelaccs.http.Calls;
import org.apache.camel.Route;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The calls of the exchanges that came from or are in one route, ended when the route begins its graceful stop.
 * Camel's shutdown waits for a route's in-flight exchanges before it stops the route's producers, and tells only the
 * route's own services that the stop is coming: this is one of them, added to the route by the component.
 */
final class RouteCalls extends ServiceSupport implements ShutdownPrepared {

    private final String routeId;
    private final Route route;
    private final Calls calls = new Calls();

    RouteCalls(Route route) {
        this.routeId = route.getRouteId();
        this.route = route;
    }

    Route route() {
        return route;
    }

    Calls calls() {
        return calls;
    }

    /** Whether the route still tells this of its stop: it stops it with itself, and a restart does not start it. */
    boolean watching() {
        return isStarted();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // a suspended route resumes with its exchanges still waiting; a stopping one must not be held up by them.
        // Only the calls under way: a stop Camel gives up on leaves the route running, retrying as usual
        if (!suspendOnly) {
            calls.abort("route " + routeId + " is stopping");
        }
    }

    @Override
    public String toString() {
        return "RouteCalls[" + routeId + "]";
    }
}
