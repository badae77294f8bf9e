package io.camelaccs.rest;

import java.time.Instant;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what a component, or one of its endpoints, sent to Commerce, for consoles, JMX and health checks. An
 * endpoint's metrics ({@link #child()}) count into the component's as well, so that one endpoint's failures are its
 * own in its health check while the component still sees the sum.
 */
public final class CommerceMetrics {

    private final CommerceMetrics parent;
    private final Supplier<Instant> now;
    /** The endpoint's resource template, the tag its requests are timed under; null for a component's. */
    private final String resource;
    /** Hears of each request sent, with its duration; set on a component's metrics when a meter registry is found. */
    private volatile RequestObserver observer;

    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder unauthorized = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile Instant lastSuccessAt;
    private volatile Instant lastFailureAt;
    private volatile String lastFailure;

    /**
     * The metrics of a component.
     *
     * @param now the component's clock, read when an answer or a failure is recorded
     */
    public CommerceMetrics(Supplier<Instant> now) {
        this(null, now, null);
    }

    private CommerceMetrics(CommerceMetrics parent, Supplier<Instant> now, String resource) {
        this.parent = parent;
        this.now = now;
        this.resource = resource;
    }

    /** Metrics of one endpoint, counting into these too. */
    public CommerceMetrics child() {
        return child(null);
    }

    /**
     * Metrics of one endpoint, counting into these too, whose requests are timed under this resource template (such
     * as {@code /V1/products/{sku}}): a template, never a filled path, so a tag cannot take one value per SKU.
     */
    public CommerceMetrics child(String resourceTemplate) {
        return new CommerceMetrics(this, now, resourceTemplate);
    }

    /** What hears of each request sent to Commerce: a timer by method, resource template and status. */
    @FunctionalInterface
    public interface RequestObserver {

        /**
         * @param method   the HTTP method
         * @param resource the resource template, never a filled path
         * @param status   the HTTP status, or {@code IO_ERROR}
         * @param nanos    how long the request took
         */
        void sent(String method, String resource, String status, long nanos);
    }

    /** Sets what hears of the requests of this component and its endpoints; null for nothing. */
    public void observe(RequestObserver observer) {
        this.observer = observer;
    }

    /** One request sent (a retry and a replay are requests too) and its outcome. */
    void sent(CommerceRequest request, String status, long nanos) {
        CommerceMetrics root = this;
        while (root.parent != null) {
            root = root.parent;
        }
        RequestObserver o = root.observer;
        if (o != null) {
            o.sent(request.method(), resourceOf(request), status, nanos);
        }
    }

    private String resourceOf(CommerceRequest request) {
        // a bulk's status polls go through the endpoint that sent the bulk, but are a resource of their own
        if (request.path().startsWith(BulkPaths.STATUS_PREFIX) && request.path().endsWith("/status")) {
            return BulkPaths.STATUS_TEMPLATE;
        }
        return resource != null ? resource : "unknown";
    }

    void request() {
        requests.increment();
        if (parent != null) {
            parent.request();
        }
    }

    void retry() {
        retries.increment();
        if (parent != null) {
            parent.retry();
        }
    }

    void rateLimited() {
        rateLimited.increment();
        if (parent != null) {
            parent.rateLimited();
        }
    }

    void unauthorized() {
        unauthorized.increment();
        if (parent != null) {
            parent.unauthorized();
        }
    }

    void failure(String what) {
        failures.increment();
        lastFailure = what;
        lastFailureAt = now.get();
        if (parent != null) {
            parent.failure(what);
        }
    }

    void answered() {
        lastSuccessAt = now.get();
        if (parent != null) {
            parent.answered();
        }
    }

    /** When Commerce last answered below 500, or null. */
    public Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    /** When a request last ended in an I/O error or a 5xx after its retries, or null. */
    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    /** What that failure was (method, path, status or error); never a credential. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Whether the last outcome seen was a failure: Commerce cannot be reached, or answers 5xx. */
    public boolean isFailing() {
        Instant failed = lastFailureAt;
        Instant ok = lastSuccessAt;
        return failed != null && (ok == null || failed.isAfter(ok));
    }

    /** HTTP requests sent, retries and replays included. */
    public long requests() {
        return requests.sum();
    }

    /** Retries after a 429, a 502/503/504 or an I/O error. */
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
