package io.camelaccs.events;

import java.util.Map;

/** What the health check, the dev console and JMX read from a running accs-events consumer. */
interface EventsConsumer {

    EventsMetrics metrics();

    /** Where the consumer stands (journal position, webhook path, ...); never a credential. */
    Map<String, Object> describe();

    /**
     * Why the consumer is stuck, for the health check to say DOWN, or null while it is not: the journal's polls failed
     * failureThreshold times in a row (or timed out, or its position is refused), or one event failed that often.
     */
    String downReason();

    String routeId();
}
