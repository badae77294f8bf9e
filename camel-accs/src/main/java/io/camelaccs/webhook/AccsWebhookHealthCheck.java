package io.camelaccs.webhook;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one accs-webhook consumer: UP while it answers at its path, with its counters and the last request
 * refused. Refused requests never take it DOWN: they are whatever anyone who can reach the URL chooses to send, and a
 * check that went DOWN on them would let a stranger with a few forged calls take every instance out of the load
 * balancer, so that Commerce's required hooks, and with them its checkout, fail. A wrong publicKey shows instead as
 * {@code rejected} growing while {@code answered} does not, and in the rejection log. Its details never hold a
 * request's content or a token.
 */
final class AccsWebhookHealthCheck extends AbstractHealthCheck {

    private final AccsWebhookConsumer consumer;

    AccsWebhookHealthCheck(AccsWebhookConsumer consumer, String id) {
        super("camel", "accs-webhook:" + id);
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        // nothing a restart would mend
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        describe(consumer).forEach((k, v) -> {
            if (v != null) {
                builder.detail("accs.webhook." + k, v);
            }
        });
        if (!consumer.isRunAllowed()) {
            builder.message("accs-webhook:" + consumer.getPath() + " is not answering: its route is stopping or stopped");
            builder.down();
            return;
        }
        builder.up();
    }

    /** What the check, the dev console and JMX tell of a consumer: names as in the dev console. */
    static Map<String, Object> describe(AccsWebhookConsumer consumer) {
        WebhookMetrics m = consumer.metrics();
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("path", consumer.getPath());
        d.put("routeId", consumer.getRouteId());
        d.put("answered", m.answeredCount());
        d.put("answeredWithRouteException", m.routeExceptionCount());
        d.put("fallbackOnError", m.fallbackOnErrorCount());
        d.put("invalidOperations", m.invalidOperationCount());
        d.put("late", m.lateCount());
        d.put("busy", m.busyCount());
        d.put("rejected", m.rejectedCount());
        d.put("lastRejection", m.lastRejection());
        d.put("lastRejectionAt", m.lastRejectionAt() == null ? null : m.lastRejectionAt().toString());
        d.put("lastAnsweredAt", m.lastAnsweredAt() == null ? null : m.lastAnsweredAt().toString());
        return d;
    }
}
