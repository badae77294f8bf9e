package io.camelaccs.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one accs-events consumer: the last event (id, time, lag behind now), the journal position, the last
 * error, and the counters. DOWN while the journal is stuck (failureThreshold failed polls in a row, a poll that timed
 * out, a position the journal refuses, or one event failing that often); a webhook is ready once it listens, and names
 * an event that keeps failing without going DOWN. It sends nothing itself, and its details never hold a credential or
 * an event's content.
 */
final class AccsEventsHealthCheck extends AbstractHealthCheck {

    private final EventsConsumer consumer;
    private final Clock clock;

    AccsEventsHealthCheck(EventsConsumer consumer, String id, Clock clock) {
        super("camel", "accs-events:" + id);
        this.consumer = consumer;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        // an I/O Events outage is not a reason to restart the application
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        consumer.describe().forEach((k, v) -> {
            if (v != null) {
                builder.detail("accs.events." + k, v);
            }
        });
        EventsMetrics m = consumer.metrics();
        builder.detail("accs.events.received", m.receivedCount());
        builder.detail("accs.events.delivered", m.deliveredCount());
        builder.detail("accs.events.duplicates.dropped", m.duplicates());
        builder.detail("accs.events.failed", m.failedCount());
        builder.detail("accs.events.refused.while.running", m.inFlightCount());
        builder.detail("accs.events.signature.failures", m.signatureFailures());
        builder.detail("accs.events.rejected", m.rejectedCount());
        if (m.lastEventId() != null) {
            builder.detail("accs.events.last.event.id", m.lastEventId());
        }
        if (m.lastEventTime() != null) {
            builder.detail("accs.events.last.event.time", m.lastEventTime());
            Duration lag = lag(m.lastEventTime(), clock.instant());
            if (lag != null) {
                builder.detail("accs.events.lag.seconds", lag.toSeconds());
            }
        }
        if (m.lastError() != null) {
            builder.detail("accs.events.last.error", m.lastError());
            builder.detail("accs.events.last.error.at", String.valueOf(m.lastErrorAt()));
        }
        String down = consumer.downReason();
        if (down != null) {
            builder.message(down);
            builder.down();
            return;
        }
        builder.up();
    }

    /** How far the last delivered event's time is behind now, or null when the event had no readable time. */
    static Duration lag(String eventTime, Instant now) {
        try {
            Duration d = Duration.between(Instant.parse(eventTime), now);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
