package io.camelaccs.events;

import java.util.Objects;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@code idempotentRepository} of {@code accs-events} consumers on several pods: the ids of completed events, and
 * apart from them the ids of events running now, both in stores every pod sees. A webhook retry that reaches pod B
 * while pod A still runs the event gets 429 (Adobe delivers it again later), and a journal on another pod waits for
 * it, as they do within one JVM: no pod acknowledges an event that may still fail elsewhere, and none runs it twice at
 * the same time.
 * <p>
 * Why two stores: Camel's {@link IdempotentRepository} cannot tell "running" from "done" under one key. The running
 * ids need a lease, so that the claim of a pod that died in the middle of an event expires instead of blocking the
 * event for ever: {@link JdbcEventClaims} is one, a claim its pod keeps alive every
 * {@code lockKeepAliveIntervalMillis} and that expires {@code lockMaxAgeMillis} after the pod stopped keeping it,
 * decided by one statement so that two pods cannot both claim an event (Camel's
 * {@code JdbcOrphanLockAwareIdempotentRepository} checks and then writes, and can). The completed ids go in any
 * persistent repository, such as {@code JdbcMessageIdRepository}, kept at least as long as {@code replayWindow}.
 * <p>
 * Everything Camel's idempotent consumer asks ({@code add}, {@code contains}, {@code remove}, {@code confirm},
 * {@code clear}) goes to the completed ids; the consumers claim and release running ids through {@link #claim} and
 * {@link #release}.
 */
public class SharedEventRepository extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository completed;
    private final IdempotentRepository running;

    /**
     * @param completed the ids of events done with, shared by every pod (for example {@code JdbcMessageIdRepository})
     * @param running   the ids of events running now, with a lease (for example {@link JdbcEventClaims}), shared by
     *                  every pod
     */
    public SharedEventRepository(IdempotentRepository completed, IdempotentRepository running) {
        this.completed = Objects.requireNonNull(completed, "completed");
        this.running = Objects.requireNonNull(running, "running");
        if (completed == running) {
            throw new IllegalArgumentException("SharedEventRepository needs two repositories: one for the completed"
                                               + " events and one for those running now (different processorName)");
        }
    }

    /** The ids of completed events. */
    public IdempotentRepository getCompleted() {
        return completed;
    }

    /** The ids of events running now. */
    public IdempotentRepository getRunning() {
        return running;
    }

    /**
     * Marks the event as running on this pod; false when a pod runs it now. Two pods claiming at once: the store's key
     * refuses one of them, which then finds the other's claim.
     */
    public boolean claim(String id) {
        try {
            return running.add(id);
        } catch (RuntimeException e) {
            // a repository that reports a duplicate key by throwing (JdbcEventClaims answers false itself)
            try {
                if (running.contains(id)) {
                    return false;
                }
            } catch (RuntimeException unreadable) {
                e.addSuppressed(unreadable);
            }
            throw e;
        }
    }

    /** Ends this pod's claim on the event, after its id was added to the completed ones, or after it failed. */
    public void release(String id) {
        running.remove(id);
    }

    @Override
    public boolean add(String key) {
        return completed.add(key);
    }

    @Override
    public boolean contains(String key) {
        return completed.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return completed.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return completed.confirm(key);
    }

    @Override
    public void clear() {
        completed.clear();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(completed, running);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(running, completed);
    }
}
