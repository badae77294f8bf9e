package io.camelaccs.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callers released together, so the code under test meets real contention rather than callers trickling in one
 * after another as their threads happen to start.
 */
public final class ConcurrentCallers {

    @FunctionalInterface
    public interface Caller {
        void run(int index) throws Exception;
    }

    private ConcurrentCallers() {
    }

    /**
     * Runs {@code threads} callers, each given its index, released together; fails the test if they do not all start
     * and finish within the timeout.
     */
    public static void runTogether(int threads, Duration timeout, Caller caller) throws Exception {
        // daemon threads: a caller stuck in the code under test must fail the test, not keep the JVM alive
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "concurrent-caller");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    caller.run(index);
                    return null;
                }));
            }
            assertTrue(ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS), "caller threads did not start");
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    "callers did not finish within " + timeout);
            for (Future<?> f : futures) {
                f.get(); // surfaces an unexpected error of the caller itself
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
