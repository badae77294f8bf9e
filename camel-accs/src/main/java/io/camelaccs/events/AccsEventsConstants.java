package io.camelaccs.events;

import org.apache.camel.spi.Metadata;

/**
 * Message headers the {@code accs-events:} consumers set on each event's exchange.
 */
public final class AccsEventsConstants {

    @Metadata(label = "consumer", description = "Written by the consumer. The event's id (I/O Events' event_id, else the CloudEvent id): the key"
                                                + " duplicates are recognised by.",
              javaType = "String")
    public static final String EVENT_ID = "CamelAccsEventId";

    @Metadata(label = "consumer", description = "Written by the consumer. The event type, such as"
                                                + " com.adobe.commerce.observer.catalog_product_delete_commit_after.",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelAccsEventType";

    @Metadata(label = "consumer", description = "Written by the consumer. Journal: the event's position in the journal (what the consumer"
                                                + " resumes after once the exchange completes). Webhook: not set.",
              javaType = "String")
    public static final String EVENT_POSITION = "CamelAccsEventPosition";

    private AccsEventsConstants() {
    }
}
