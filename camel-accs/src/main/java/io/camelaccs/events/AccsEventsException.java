package io.camelaccs.events;

import org.apache.camel.RuntimeCamelException;

/**
 * I/O Events answered the journal with an error, or a webhook delivery could not be used. The message names the
 * status, the journal and Adobe's request id when there is one; never a credential.
 */
public class AccsEventsException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public AccsEventsException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    /** The HTTP status I/O Events answered with, or 0 when there was none. */
    public int getStatusCode() {
        return statusCode;
    }
}
