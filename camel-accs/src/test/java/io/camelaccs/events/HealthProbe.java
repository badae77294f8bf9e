package io.camelaccs.events;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/** What a readiness probe sees of one accs-events consumer: its check's state, message and details. */
final class HealthProbe {

    private HealthProbe() {
    }

    /** Call before the context starts: a plain CamelContext loads the health checks when asked (Camel Main does). */
    static void enable(CamelContext context) {
        context.build();
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
    }

    /** The result of check accs-events:ROUTE, as a probe invoking every check would get it. */
    static HealthCheck.Result of(CamelContext context, String routeId) {
        return HealthCheckHelper.invoke(context, check -> Map.of(), check -> false, "full").stream()
                .filter(r -> r.getCheck().getId().equals("accs-events:" + routeId))
                .findFirst().orElseThrow(() -> new AssertionError("no check accs-events:" + routeId));
    }

    /** The result as one line: state, message and details, to look for what must not be there. */
    static String text(HealthCheck.Result result) {
        return result.getState() + " " + result.getMessage().orElse("") + " " + result.getDetails();
    }
}
