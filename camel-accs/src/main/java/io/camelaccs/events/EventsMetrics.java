package io.camelaccs.events;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one accs-events consumer received, for health checks, the dev console and JMX. Never holds a credential.
 */
final class EventsMetrics {

    private final LongAdder received = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder signatureFailures = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private volatile String lastEventId;
    private volatile String lastEventTime;
    private volatile Instant lastEventAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant caughtUpAt;

    void received() {
        received.increment();
    }

    void delivered(CommerceEvent event, Instant at) {
        delivered.increment();
        lastEventId = event.id();
        lastEventTime = event.time();
        lastEventAt = at;
    }

    void duplicate() {
        duplicates.increment();
    }

    void skipped() {
        skipped.increment();
    }

    /** A copy of an event that was running at the time: left for a later redelivery. */
    void inFlight() {
        inFlight.increment();
    }

    void failed(String what, Instant at) {
        failed.increment();
        error(what, at);
    }

    void signatureFailure(String what, Instant at) {
        signatureFailures.increment();
        error(what, at);
    }

    /** A webhook request refused before the route (401, 400, 413, 503 for a key): counted, logged at a bounded rate. */
    void rejected() {
        rejected.increment();
    }

    /** The journal's end reached (or the consumer started, before it is). */
    void caughtUp(Instant at) {
        caughtUpAt = at;
    }

    /** When the journal's end was last reached; null for a webhook consumer or before the consumer started. */
    Instant caughtUpAt() {
        return caughtUpAt;
    }

    void error(String what, Instant at) {
        lastError = what;
        lastErrorAt = at;
    }

    long receivedCount() {
        return received.sum();
    }

    long deliveredCount() {
        return delivered.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long skippedCount() {
        return skipped.sum();
    }

    long inFlightCount() {
        return inFlight.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    long signatureFailures() {
        return signatureFailures.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    String lastEventId() {
        return lastEventId;
    }

    /** The CloudEvent time of the last event the route completed, as the event said it. */
    String lastEventTime() {
        return lastEventTime;
    }

    Instant lastEventAt() {
        return lastEventAt;
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }
}
