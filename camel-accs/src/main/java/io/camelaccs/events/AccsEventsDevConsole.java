package io.camelaccs.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelaccs.inbound.ConsumerListing;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * The {@code accs-events} dev console: per consumer, where it stands (journal position and next request, or webhook
 * path), the last event and its lag, the last error, and the counters. Never a credential.
 */
@DevConsole(name = "accs-events", displayName = "ACCS events",
            description = "Adobe Commerce events: journal and webhook consumers")
public class AccsEventsDevConsole extends AbstractDevConsole {

    public AccsEventsDevConsole() {
        super("camel", "accs-events", "ACCS events", "Adobe Commerce events: journal and webhook consumers");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<Map<String, Object>> consumers = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component c = getCamelContext().hasComponent(name);
            if (c instanceof AccsEventsComponent events) {
                for (EventsConsumer consumer : events.consumers()) {
                    consumers.add(describe(name, consumer, events));
                }
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("consumers", consumers);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) doCallJson(options).get("consumers");
        return ConsumerListing.asText(consumers, "kind");
    }

    static Map<String, Object> describe(String component, EventsConsumer consumer, AccsEventsComponent events) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("component", component);
        c.put("routeId", consumer.routeId());
        c.putAll(consumer.describe());
        EventsMetrics m = consumer.metrics();
        c.put("received", m.receivedCount());
        c.put("delivered", m.deliveredCount());
        c.put("duplicatesDropped", m.duplicates());
        c.put("skipped", m.skippedCount());
        c.put("failed", m.failedCount());
        c.put("refusedWhileRunning", m.inFlightCount());
        c.put("signatureFailures", m.signatureFailures());
        c.put("rejected", m.rejectedCount());
        c.put("lastEventId", m.lastEventId());
        c.put("lastEventTime", m.lastEventTime());
        if (m.lastEventTime() != null) {
            var lag = AccsEventsHealthCheck.lag(m.lastEventTime(), events.clock().instant());
            c.put("lagSeconds", lag == null ? null : lag.toSeconds());
        }
        c.put("lastError", m.lastError());
        c.put("lastErrorAt", m.lastErrorAt() == null ? null : m.lastErrorAt().toString());
        return c;
    }
}
