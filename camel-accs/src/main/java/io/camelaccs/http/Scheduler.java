package io.camelaccs.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The clock and timer of every wait a request makes: retry pauses, {@code Retry-After}, bulk status polls and token
 * waits are tasks scheduled here, never a sleeping thread, and every time a request reads comes from one clock that
 * tests replace. A task runs on the workers when due, not on the timer's thread, so that a request sent from it never
 * holds up the other pauses.
 */
public final class Scheduler {

    private static volatile ScheduledExecutorService standaloneTimer;
    private static volatile ExecutorService standaloneWorkers;

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor workers;

    /**
     * @param timer   fires the tasks when due (one thread is enough: it only hands them to the workers)
     * @param workers run the tasks, which may send a request and wait for its answer
     */
    public Scheduler(Clock clock, ScheduledExecutorService timer, Executor workers) {
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
    }

    /**
     * A scheduler outside a CamelContext (the login helper, unit tests): one daemon timer thread shared by all, and
     * daemon workers apart from it, so that a task waiting for another never waits for itself.
     */
    public static Scheduler standalone(Clock clock) {
        ScheduledExecutorService t = standaloneTimer;
        if (t == null) {
            synchronized (Scheduler.class) {
                t = standaloneTimer;
                if (t == null) {
                    t = Executors.newSingleThreadScheduledExecutor(daemon("accs-standalone-timer"));
                    standaloneWorkers = Executors.newCachedThreadPool(daemon("accs-standalone-worker"));
                    standaloneTimer = t;
                }
            }
        }
        return new Scheduler(clock, t, standaloneWorkers);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public Instant now() {
        return clock.instant();
    }

    public Clock clock() {
        return clock;
    }

    /** Where continuations run: a request answered after a wait is handled here, not on the thread that waited. */
    public Executor workers() {
        return workers;
    }

    /**
     * Runs the task on the workers once the delay has passed.
     *
     * @param rejected what to do instead when the workers refuse the task then (their component stopped meanwhile)
     * @return the handle that cancels it
     * @throws RejectedExecutionException when the timer has been shut down (its component stopped)
     */
    public Future<?> later(Duration delay, Runnable task, Consumer<RejectedExecutionException> rejected) {
        // Durations, not nanoseconds: a pause of years must not overflow
        long millis = delay.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toMillis() : delay.toMillis();
        return timer.schedule(() -> {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                rejected.accept(e);
            }
        }, Math.max(0, millis), TimeUnit.MILLISECONDS);
    }
}
