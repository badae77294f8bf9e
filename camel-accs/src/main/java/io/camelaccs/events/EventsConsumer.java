package io.camelaccs.events;

import java.util.Map;

/** What the health check, the dev console and JMX read from a running accs-events consumer. */
interface EventsConsumer {

    EventsMetrics metrics();

    /** Where the consumer stands (journal position, webhook path, ...); never a credential. */
    Map<String, Object> describe();

    /** Whether the source is failing now (the journal's last request failed). */
    boolean isFailing();

    String routeId();
}
