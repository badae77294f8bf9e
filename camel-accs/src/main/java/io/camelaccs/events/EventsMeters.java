package io.camelaccs.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.camelaccs.metrics.MeterLookup;
import io.camelaccs.metrics.MeterNames;
import io.camelaccs.metrics.Meters;
import org.apache.camel.CamelContext;

/**
 * The meters of one accs-events consumer, read from the counters its health check and JMX read: tagged with its route
 * and kind ({@code journal} or {@code webhook}), never with a client id or an event's content.
 */
final class EventsMeters {

    private EventsMeters() {
    }

    static Meters bind(EventsConsumer consumer, CamelContext context, Clock clock) {
        String kind = consumer instanceof JournalConsumer ? "journal" : "webhook";
        Meters meters = MeterLookup.find(context).scope(Map.of("routeId",
                consumer.routeId() != null ? consumer.routeId() : "", "kind", kind));
        EventsMetrics m = consumer.metrics();
        Map<String, String> none = Map.of();
        meters.counter(MeterNames.EVENTS_RECEIVED, "Events received, duplicates and skipped types included", none, m,
                EventsMetrics::receivedCount);
        meters.counter(MeterNames.EVENTS_DELIVERED, "Events whose exchange completed", none, m,
                EventsMetrics::deliveredCount);
        meters.counter(MeterNames.EVENTS_FAILED, "Events whose exchange failed", none, m, EventsMetrics::failedCount);
        meters.counter(MeterNames.EVENTS_DUPLICATES, "Events dropped because their id was seen before", none, m,
                EventsMetrics::duplicates);
        if (consumer instanceof JournalConsumer) {
            meters.gauge(MeterNames.EVENTS_JOURNAL_LAG, "Seconds since the consumer last reached the journal's end",
                    "seconds", none, m, metrics -> lagSeconds(metrics.caughtUpAt(), clock));
        } else {
            meters.counter(MeterNames.EVENTS_REJECTED,
                    "Webhook requests refused before the route (bad signature, bad body, too large)", none, m,
                    EventsMetrics::rejectedCount);
        }
        return meters;
    }

    private static double lagSeconds(Instant caughtUpAt, Clock clock) {
        return caughtUpAt == null ? 0 : Duration.between(caughtUpAt, clock.instant()).toMillis() / 1000.0;
    }
}
