package io.camelaccs.webhook;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.camelaccs.metrics.MeterLookup;
import io.camelaccs.metrics.MeterNames;
import io.camelaccs.metrics.Meters;
import org.apache.camel.CamelContext;

/**
 * The meters of one accs-webhook consumer, read from the counters its health check, dev console and JMX read (no call
 * is counted twice): one counter of calls by {@code outcome}, tagged with the route and the path, never with a
 * request's content.
 */
final class WebhookMeters {

    private WebhookMeters() {
    }

    static Meters bind(AccsWebhookConsumer consumer, CamelContext context) {
        Meters meters = MeterLookup.find(context).scope(Map.of(
                "routeId", consumer.getRouteId() != null ? consumer.getRouteId() : "", "path", consumer.getPath()));
        WebhookMetrics m = consumer.metrics();
        // the outcomes exclude each other: their sum is every call answered
        outcome(meters, m, "answered", WebhookMetrics::answeredCount);
        outcome(meters, m, "exception", WebhookMetrics::routeExceptionCount);
        outcome(meters, m, "fallback", WebhookMetrics::fallbackOnErrorCount);
        outcome(meters, m, "invalid", WebhookMetrics::invalidOperationCount);
        outcome(meters, m, "late", WebhookMetrics::lateCount);
        outcome(meters, m, "busy", WebhookMetrics::busyCount);
        outcome(meters, m, "rejected", WebhookMetrics::rejectedCount);
        return meters;
    }

    private static void outcome(Meters meters, WebhookMetrics m, String outcome, ToDoubleFunction<WebhookMetrics> count) {
        meters.counter(MeterNames.WEBHOOK_CALLS, "Commerce webhook calls by how they were answered",
                Map.of("outcome", outcome), m, count);
    }
}
