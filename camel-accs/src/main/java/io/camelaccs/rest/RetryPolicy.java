package io.camelaccs.rest;

import java.time.Duration;

import io.camelaccs.http.Backoff;

/**
 * When a Commerce request is tried again. A 429 is always retried (Commerce refused it before doing anything); a 502,
 * 503, 504 or an I/O error only for idempotent methods (GET, PUT, DELETE), or for POST too when the user allows it,
 * since a POST whose answer was lost may have created its entity. All bounded by a count and a total time.
 *
 * @param maxRetries         retries after the first attempt
 * @param backoff            pauses between retries when the server names none
 * @param timeout            the longest a request may take with all its retries
 * @param retryNonIdempotent whether POST is retried after a 502, 503, 504 or an I/O error
 */
public record RetryPolicy(int maxRetries, Backoff backoff, Duration timeout, boolean retryNonIdempotent) {

    boolean retriesStatus(String method, int status) {
        if (status == 429) {
            return true;
        }
        return (status == 502 || status == 503 || status == 504) && idempotentOrAllowed(method);
    }

    boolean retriesIoError(String method) {
        return idempotentOrAllowed(method);
    }

    private boolean idempotentOrAllowed(String method) {
        return !"POST".equals(method) || retryNonIdempotent;
    }
}
