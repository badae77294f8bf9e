package io.camelaccs.webhook;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * How one accs-webhook consumer answered Commerce, for its health check, the dev console and JMX. Holds counts and
 * texts of this component's own choosing only: never a request's content, header or bearer token.
 */
final class WebhookMetrics {

    private final LongAdder answered = new LongAdder();
    private final LongAdder routeExceptions = new LongAdder();
    private final LongAdder fallbacksOnError = new LongAdder();
    private final LongAdder invalidOperations = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile String lastRejection;
    private volatile Instant lastRejectionAt;
    private volatile Instant lastAnsweredAt;

    /** The route's own answer (success or its operations) was sent. */
    void answered(Instant at) {
        answered.increment();
        lastAnsweredAt = at;
    }

    /** The route threw an AccsWebhookException: Commerce was answered exception with its message. */
    void routeException(Instant at) {
        routeExceptions.increment();
        lastAnsweredAt = at;
    }

    /** The route failed otherwise (or was rolled back): Commerce was answered fallbackMessage. */
    void fallbackOnError(Instant at) {
        fallbacksOnError.increment();
        lastAnsweredAt = at;
    }

    /** The route answered an invalid operation: Commerce was answered fallbackMessage instead. */
    void invalidOperation(Instant at) {
        invalidOperations.increment();
        lastAnsweredAt = at;
    }

    /** The route was later than replyTimeout: Commerce was answered fallbackOperation. */
    void late() {
        late.increment();
    }

    /** Every route thread was busy: Commerce was answered fallbackOperation at once. */
    void busy() {
        busy.increment();
    }

    /**
     * A request refused before the route (401, 400, 413).
     *
     * @param why this component's own words (such as "signature does not verify"), never a value the sender chose
     */
    void rejected(String why, Instant at) {
        rejected.increment();
        lastRejection = why;
        lastRejectionAt = at;
    }

    long answeredCount() {
        return answered.sum();
    }

    long routeExceptionCount() {
        return routeExceptions.sum();
    }

    long fallbackOnErrorCount() {
        return fallbacksOnError.sum();
    }

    long invalidOperationCount() {
        return invalidOperations.sum();
    }

    long lateCount() {
        return late.sum();
    }

    long busyCount() {
        return busy.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    String lastRejection() {
        return lastRejection;
    }

    Instant lastRejectionAt() {
        return lastRejectionAt;
    }

    Instant lastAnsweredAt() {
        return lastAnsweredAt;
    }
}
