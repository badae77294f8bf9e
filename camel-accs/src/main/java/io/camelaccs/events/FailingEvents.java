package io.camelaccs.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook events whose exchange failed, each with its failures in a row, so that a poison event is visible while
 * Adobe keeps redelivering it. An event leaves when it is done with, or when it has not failed for longer than Adobe
 * retries (the replay window); the table is bounded, its oldest entry going first.
 */
final class FailingEvents {

    private static final int MAX = 1000;

    /** The event that failed most often in a row. */
    record Worst(String eventId, int failures) {
    }

    private record Failures(int count, Instant last) {
    }

    private final Duration forgetAfter;
    private final Clock clock;
    /** Access order: the least recently failed goes first. Guarded by itself. */
    private final Map<String, Failures> byId = new LinkedHashMap<>(16, 0.75f, true);

    FailingEvents(Duration forgetAfter, Clock clock) {
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    void failed(String eventId) {
        if (eventId == null) {
            return;
        }
        Instant now = clock.instant();
        synchronized (byId) {
            Failures before = byId.get(eventId);
            byId.put(eventId, new Failures(before == null ? 1 : before.count() + 1, now));
            if (byId.size() > MAX) {
                Iterator<String> oldest = byId.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    void done(String eventId) {
        if (eventId == null) {
            return;
        }
        synchronized (byId) {
            byId.remove(eventId);
        }
    }

    /** The event with the most failures in a row among those failed within the window, or null. */
    Worst worst() {
        Instant horizon = clock.instant().minus(forgetAfter);
        Worst worst = null;
        synchronized (byId) {
            byId.values().removeIf(f -> f.last().isBefore(horizon));
            for (Map.Entry<String, Failures> e : byId.entrySet()) {
                if (worst == null || e.getValue().count() > worst.failures()) {
                    worst = new Worst(e.getKey(), e.getValue().count());
                }
            }
        }
        return worst;
    }
}
