package io.camelaccs.http;

import org.apache.camel.RuntimeCamelException;

/**
 * A request that was waiting (a retry pause, a {@code Retry-After}, a bulk status poll, a token from IMS) when its
 * route, consumer or CamelContext stopped. The exchange fails with it at once rather than keeping the shutdown waiting;
 * the message says what was being waited for. Nothing was sent for the wait that was cut short.
 */
public class AccsStoppedException extends RuntimeCamelException {

    private final String awaited;

    public AccsStoppedException(String request, String why, String awaited) {
        super(request + ": " + why + " while waiting for " + awaited);
        this.awaited = awaited;
    }

    /** What the request was waiting for when it was stopped. */
    public String getAwaited() {
        return awaited;
    }
}
