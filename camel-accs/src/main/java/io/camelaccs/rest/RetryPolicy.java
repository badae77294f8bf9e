package io.camelaccs.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

import io.camelaccs.http.Backoff;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * When a Commerce request is tried again. A 429 is always retried (Commerce refused it before doing anything), and so
 * is a request that never left (no pooled connection in time, a refused connect); a 502, 503, 504 or another I/O error
 * (a read timeout, a reset) only for idempotent methods (GET, PUT, DELETE), or for POST too when the user allows it,
 * since a POST whose answer was lost may have created its entity. All bounded by a count and a total time.
 *
 * @param maxRetries         retries after the first attempt
 * @param backoff            pauses between retries when the server names none
 * @param timeout            the longest a request may take with all its retries
 * @param retryNonIdempotent whether POST is retried after a 502, 503, 504 or an I/O error that may have come after the
 *                           request was sent
 */
public record RetryPolicy(int maxRetries, Backoff backoff, Duration timeout, boolean retryNonIdempotent) {

    boolean retriesStatus(String method, int status) {
        if (status == 429) {
            return true;
        }
        return (status == 502 || status == 503 || status == 504) && idempotentOrAllowed(method);
    }

    boolean retriesIoError(String method, IOException failure) {
        return neverSent(failure) || idempotentOrAllowed(method);
    }

    /**
     * Whether the failure proves the request never left: no pooled connection was free in time, or no connection could
     * be made (refused, timed out, no such host). Commerce cannot have seen such a request, whatever its method.
     */
    static boolean neverSent(IOException failure) {
        return failure instanceof ConnectionRequestTimeoutException || failure instanceof ConnectException
               || failure instanceof ConnectTimeoutException || failure instanceof NoRouteToHostException
               || failure instanceof UnknownHostException;
    }

    private boolean idempotentOrAllowed(String method) {
        return !"POST".equals(method) || retryNonIdempotent;
    }
}
