package io.camelaccs.events;

import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.IdempotentRepository;

/**
 * The ids of the events whose exchange is running now, kept apart from the idempotent repository, which holds only
 * completed ones. Every consumer of this JVM that uses the same repository instance (two routes, two contexts, a
 * webhook and a journal) shares one set, so that a second copy of a running event is neither run twice nor taken for
 * done.
 * <p>
 * Why not a claim in the repository itself ({@code add} at the start, as Camel's eager idempotent consumer does):
 * Camel's {@link IdempotentRepository} has no owner or lease for a key, so a claim left by a process that died in the
 * middle of an event reads as "done" for ever after (the event would be lost on restart), and another consumer cannot
 * tell a running event from a completed one (it would acknowledge an event that may still fail).
 */
final class InFlightEvents {

    // weak: a repository dropped by the application takes its set with it
    private static final Map<IdempotentRepository, InFlightEvents> BY_REPOSITORY = new WeakHashMap<>();

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private InFlightEvents() {
    }

    /** The in-flight set shared by every consumer of this JVM that uses {@code repository}. */
    static InFlightEvents of(IdempotentRepository repository) {
        synchronized (BY_REPOSITORY) {
            return BY_REPOSITORY.computeIfAbsent(repository, r -> new InFlightEvents());
        }
    }

    /** Marks the event as running; false when it already is (in this consumer or another on the same repository). */
    boolean claim(String id) {
        return running.add(id);
    }

    void release(String id) {
        running.remove(id);
    }
}
