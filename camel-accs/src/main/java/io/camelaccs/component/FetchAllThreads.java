package io.camelaccs.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The threads that walk a producer's fetchAll id ranges (option parallelism), one thread per range for as long as the
 * range is walked: a bounded pool named {@value #THREAD_NAME} from Camel's ExecutorServiceManager (shut down with the
 * producer and the context), built from the thread pool profile {@value #PROFILE_ID} when the context has one, else
 * from a default of {@code parallelism} core threads, at most ten exports at once ({@code 10 x parallelism}
 * threads) and no queue: a walk never waits behind another export's walk, which may take minutes.
 * <p>
 * Whatever the profile says, a walk the pool cannot take is refused (ThreadPoolRejectedPolicy Abort): run by the
 * caller it would block the exchange on its own queue, and discarded it would leave the split waiting for its pages.
 * The refusal fails the exchange with a message naming the profile.
 */
final class FetchAllThreads {

    /** The id of the thread pool profile users register to size the pool. */
    static final String PROFILE_ID = "accsFetchAll";
    /** What the pool's threads are named after. */
    static final String THREAD_NAME = "AccsFetchAll";
    /** Exports one producer walks at once with the default profile. */
    static final int DEFAULT_EXPORTS = 10;

    private final ExecutorServiceManager manager;
    private final ExecutorService pool;
    private final int parallelism;
    private final String described;

    FetchAllThreads(Object owner, ExecutorServiceManager manager, int parallelism) {
        this.manager = manager;
        this.parallelism = parallelism;
        ThreadPoolProfile registered = manager.getThreadPoolProfile(PROFILE_ID);
        ThreadPoolProfile profile;
        if (registered != null) {
            profile = registered.clone();
        } else {
            profile = new ThreadPoolProfile(PROFILE_ID);
            profile.setPoolSize(parallelism);
            profile.setMaxPoolSize(DEFAULT_EXPORTS * parallelism);
            profile.setMaxQueueSize(0);
            profile.setAllowCoreThreadTimeOut(true);
        }
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        // fills what the profile leaves open from the context's default profile, as Camel does for its own pools
        pool = manager.newThreadPool(owner, THREAD_NAME, profile);
        described = (registered != null ? "the thread pool profile '" : "the default of thread pool profile '")
                    + PROFILE_ID + "' (poolSize " + profile.getPoolSize() + ", maxPoolSize " + profile.getMaxPoolSize()
                    + ", maxQueueSize " + profile.getMaxQueueSize() + ")";
    }

    /** Starts a range walk, or says clearly why it cannot start. */
    Future<?> submit(Runnable walk) {
        try {
            return pool.submit(walk);
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException("fetchAll with parallelism=" + parallelism + " cannot start a walk of"
                                                 + " an id range: every thread of " + described + " walks another"
                                                 + " export. Register a ThreadPoolProfile with id '" + PROFILE_ID
                                                 + "' with a larger maxPoolSize or maxQueueSize, or lower parallelism",
                    e);
        }
    }

    void shutdown() {
        // walks still running belong to exchanges that the stop fails anyway
        manager.shutdownNow(pool);
    }

    @Override
    public String toString() {
        return THREAD_NAME + " threads of " + described;
    }
}
