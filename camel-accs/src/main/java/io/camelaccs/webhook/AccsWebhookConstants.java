package io.camelaccs.webhook;

import org.apache.camel.spi.Metadata;

/**
 * Message headers the {@code accs-webhook:} consumer sets on the exchange of each Commerce call.
 */
public final class AccsWebhookConstants {

    @Metadata(label = "consumer", description = "Written by the consumer. The webhook method the call is for, such as"
                                                + " observer.catalog_product_save_after: option webhookMethod when set,"
                                                + " else the payload's eventName when it names a method.",
              javaType = "String")
    public static final String WEBHOOK_METHOD = "CamelAccsWebhookMethod";

    @Metadata(label = "consumer", description = "Written by the consumer. The hook's name (option hookName), when set:"
                                                + " routes shared by several hooks can tell them apart.",
              javaType = "String")
    public static final String WEBHOOK_HOOK = "CamelAccsWebhookHook";

    @Metadata(label = "consumer", description = "Written by the consumer. The payload's eventName (observer methods), as"
                                                + " Commerce sent it.",
              javaType = "String")
    public static final String EVENT_NAME = "CamelAccsWebhookEventName";

    private AccsWebhookConstants() {
    }
}
