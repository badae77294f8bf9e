package io.camelaccs.component;

import java.util.Map;

import io.camelaccs.metrics.MeterLookup;
import io.camelaccs.metrics.MeterNames;
import io.camelaccs.metrics.Meters;
import io.camelaccs.rest.CommerceMetrics;

/**
 * A component's meters: its JMX counters read by the registry (counted once, by the component), and a timer per
 * method, resource template and status that each request sent records. Tagged {@code component} with the instance's
 * name, never with a client id or anything a secret could reach.
 */
final class ComponentMeters implements AutoCloseable {

    private final Meters meters;
    private final CommerceMetrics metrics;

    private ComponentMeters(Meters meters, CommerceMetrics metrics) {
        this.meters = meters;
        this.metrics = metrics;
    }

    /** The component's meters, or null when there is no registry (looked up again at the next endpoint start). */
    static ComponentMeters bind(AccsComponent component) {
        Meters found = MeterLookup.find(component.getCamelContext());
        if (!found.isEnabled()) {
            return null;
        }
        Meters meters = found.scope(Map.of("component", component.instanceName()));
        CommerceMetrics m = component.metrics();
        Map<String, String> none = Map.of();
        meters.counter(MeterNames.RETRIES, "Retries after a 429, a 502/503/504 or an I/O error", none, m,
                CommerceMetrics::retries);
        meters.counter(MeterNames.RATE_LIMITED, "429 answers received from Commerce", none, m,
                CommerceMetrics::rateLimitedResponses);
        meters.counter(MeterNames.UNAUTHORIZED, "401 answers received from Commerce", none, m,
                CommerceMetrics::unauthorizedResponses);
        meters.counter(MeterNames.FAILURES, "Requests that ended in an I/O error or a 5xx after their retries", none, m,
                CommerceMetrics::failures);
        meters.counter(MeterNames.TOKEN_FETCHES, "Tokens fetched from IMS, all clients", none, component,
                AccsComponent::getTokenFetchCount);
        meters.counter(MeterNames.TOKEN_FAILURES, "Failed token requests, all clients", none, component,
                AccsComponent::getTokenFailureCount);
        m.observe((method, resource, status, nanos) -> meters.timer(MeterNames.REQUESTS,
                "HTTP requests sent to Commerce, retries and replays included",
                Map.of("method", method, "resource", resource, "status", status), nanos));
        return new ComponentMeters(meters, m);
    }

    @Override
    public void close() {
        metrics.observe(null);
        meters.close();
    }
}
