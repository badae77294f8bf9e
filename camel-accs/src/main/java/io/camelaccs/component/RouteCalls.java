package io.camelaccs.component;

import io.camelaccs.http.Calls;
import org.apache.camel.Route;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The calls of the exchanges that came from or are in one route, ended when the route begins its graceful stop.
 * Camel's shutdown waits for a route's in-flight exchanges before it stops the route's producers, and tells only the
 * route's own services that the stop is coming: this is one of them, added to the route by the component.
 * <p>
 * While the stop is under way, a call that begins to wait (an exchange that left a {@code delay} or came in through
 * a deferred {@code direct:} consumer meanwhile) is ended at once too: otherwise the stop would wait for its pause. Once
 * the stop is over, calls wait as usual again: the route started again ({@link #doStart()}), or Camel gave the stop up
 * and restarted the route's consumer ({@link #stopEnded()}, told by {@link RouteCallsIndex}).
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
    protected void doStart() {
        // the route starts again after a stop
        calls.open();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // a suspended route resumes with its exchanges still waiting; a stopping one must not be held up by them, nor
        // by the waits of calls that begin while it stops
        if (!suspendOnly) {
            calls.stop("route " + routeId + " is stopping");
        }
    }

    /** The route's consumer started again: a stop Camel gave up on leaves the route running, waiting as usual. */
    void stopEnded() {
        calls.open();
    }

    @Override
    public String toString() {
        return "RouteCalls[" + routeId + "]";
    }
}
