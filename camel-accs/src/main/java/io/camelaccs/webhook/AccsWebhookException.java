package io.camelaccs.webhook;

import org.apache.camel.RuntimeCamelException;

/**
 * Thrown by a route to stop Commerce's operation with a message the shopper or admin sees: the consumer answers
 * {@code {"op":"exception","message":<this message>}}. Any other exception is answered with option
 * {@code fallbackMessage}, so that internals never reach a shopper; this one's message is meant to.
 */
public class AccsWebhookException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what Commerce shows, such as "This product name contains a forbidden word"
     */
    public AccsWebhookException(String message) {
        super(message);
    }
}
