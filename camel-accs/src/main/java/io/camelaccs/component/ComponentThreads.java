package io.camelaccs.component;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.camelaccs.http.Scheduler;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The threads of one accs component, all from Camel's ExecutorServiceManager (so that Camel shuts them down with the
 * context), each with one job, so that none waits for work only another of its kind could do:
 * <ul>
 * <li>{@code AccsTimer}: fires pauses, status polls and token timeouts, and only hands them on;</li>
 * <li>{@code AccsRequests}: sends requests after a pause or a token wait, as many as {@code maxConnections} (more
 * would only queue for a connection);</li>
 * <li>{@code AccsExchanges}: runs the rest of an exchange's route after a wait (a thread while it runs, none while it
 * waits): never the workers, since the rest of a route may send and wait on them itself;</li>
 * <li>{@code AccsTokenRefresh}: fetches tokens, one thread per grant fetching at once (they are few).</li>
 * </ul>
 */
final class ComponentThreads {

    private final ExecutorServiceManager manager;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ExecutorService continuations;
    private final ExecutorService tokenRefresh;
    private final Scheduler scheduler;

    ComponentThreads(Object owner, ExecutorServiceManager manager, Clock clock, int maxConnections) {
        this.manager = manager;
        timer = manager.newSingleThreadScheduledExecutor(owner, "AccsTimer");
        ThreadPoolProfile profile = new ThreadPoolProfile("AccsRequests");
        profile.setPoolSize(maxConnections);
        profile.setMaxPoolSize(maxConnections);
        // a queue, and a refusal rather than running on the caller: the caller may be the timer
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        profile.setAllowCoreThreadTimeOut(true);
        workers = manager.newThreadPool(owner, "AccsRequests", profile);
        continuations = manager.newCachedThreadPool(owner, "AccsExchanges");
        tokenRefresh = manager.newCachedThreadPool(owner, "AccsTokenRefresh");
        scheduler = new Scheduler(clock, timer, workers);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ExecutorService continuations() {
        return continuations;
    }

    ExecutorService tokenRefresh() {
        return tokenRefresh;
    }

    void shutdown() {
        // pending pauses are dropped: their calls were ended by the stops before this one
        manager.shutdownNow(timer);
        manager.shutdown(workers);
        manager.shutdown(continuations);
        manager.shutdown(tokenRefresh);
    }
}
