package io.camelaccs.rest;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what a component sent to Commerce, for consoles, JMX and health checks.
 */
public final class CommerceMetrics {

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder failures = new LongAdder();

    void request() {
        requests.increment();
    }

    void retry() {
        retries.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void unauthorized() {
        unauthorized.increment();
    }

    void failure() {
        failures.increment();
    }

    /** HTTP requests sent, retries and replays included. */
    public long requests() {
        return requests.sum();
    }

    /** Retries after a 429, a 5xx or an I/O error. */
    public long retries() {
        return retries.sum();
    }

    /** 429 answers received. */
    public long rateLimitedResponses() {
        return rateLimited.sum();
    }

    /** 401 answers received. */
    public long unauthorizedResponses() {
        return unauthorized.sum();
    }

    /** Requests that ended in an I/O error or a 5xx after their retries. */
    public long failures() {
        return failures.sum();
    }
}
