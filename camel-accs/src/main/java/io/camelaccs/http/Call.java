package io.camelaccs.http;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * One request on its way through the pipeline: attempts, and the pauses between them, until a judge says it is
 * done. An attempt runs on the caller's thread first and on the scheduler's workers after a pause; a pause is a task
 * on the {@link Scheduler}, so no thread sleeps through it, and {@link #abort(String)} ends a waiting call at once.
 * <p>
 * The call is its own result: a future completed with what the last attempt returned, or failed with what the judge
 * decided. Synchronous callers {@link #await()} it.
 *
 * @param <T> what an attempt yields
 */
public final class Call<T> extends CompletableFuture<T> {

    /** Makes one attempt; its future may already be complete (an attempt that sent on the calling thread). */
    @FunctionalInterface
    public interface Attempt<T> {
        CompletableFuture<T> start(Call<T> call);
    }

    /** Decides, after each attempt, whether the call is done or pauses for another attempt. */
    @FunctionalInterface
    public interface Judge<T> {
        /**
         * @param attempt the attempt just made, 1 for the first
         * @param result  what it yielded, or null when it failed
         * @param failure why it failed (unwrapped), or null
         * @param left    the time left before the call's deadline (negative once passed)
         */
        Decision judge(int attempt, T result, Throwable failure, Duration left);
    }

    /** A judge's verdict: finish with the outcome as it is, fail with another exception, or pause and try again. */
    public record Decision(Duration pause, String awaited, Throwable failure) {

        private static final Decision FINISH = new Decision(null, null, null);

        /** Ends the call with the attempt's result or failure. */
        public static Decision finish() {
            return FINISH;
        }

        /** Ends the call failed with this exception. */
        public static Decision fail(Throwable failure) {
            return new Decision(null, null, failure);
        }

        /**
         * Attempts again after the pause.
         *
         * @param awaited what the call waits for meanwhile, for the message of a stop ("a Retry-After of 30 s ...")
         */
        public static Decision pause(Duration pause, String awaited) {
            return new Decision(pause, awaited, null);
        }
    }

    private final String request;
    private final Attempt<T> attempt;
    private final Judge<T> judge;
    private final Scheduler scheduler;
    private final Instant deadline;

    private volatile int attempts;
    /** What the call waits for, or null while an attempt is sending. */
    private volatile String awaited;
    private volatile Future<?> pending;
    private volatile String stoppedBecause;
    /** Whose stop ends the call's waits; it joins them only once it waits, so a call that does not costs them nothing. */
    private Calls owners;
    /** The owners' stops so far when the call started: one since then ends the call's first wait. */
    private long ownersStopsAtStart;
    /** Whether the call is among its owners' calls; written under this call's lock. */
    private volatile boolean enlisted;

    private Call(String request, Attempt<T> attempt, Judge<T> judge, Scheduler scheduler, Duration budget) {
        this.request = request;
        this.attempt = attempt;
        this.judge = judge;
        this.scheduler = scheduler;
        this.deadline = scheduler.now().plus(budget);
    }

    /**
     * Starts a call: its first attempt runs now, on this thread.
     *
     * @param request names the request in messages ("GET /V1/products/abc")
     * @param budget  the time within which the judge should finish it (it is told what is left after each attempt)
     * @param owners  the producer, routes, consumer or component whose stop ends the call's waits
     */
    public static <T> Call<T> start(String request, Duration budget, Scheduler scheduler, Calls owners,
                                    Attempt<T> attempt, Judge<T> judge) {
        Call<T> call = new Call<>(request, attempt, judge, scheduler, budget);
        call.owners = owners;
        call.ownersStopsAtStart = owners.stops();
        // a stopping owner still lets a new call send (in-flight exchanges finish), but not wait
        call.stoppedBecause = owners.stoppedBecause();
        call.attempt();
        return call;
    }

    private void attempt() {
        if (isDone()) {
            return;
        }
        attempts++;
        awaited = null;
        CompletableFuture<T> outcome;
        try {
            outcome = attempt.start(this);
        } catch (Throwable e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        int made = attempts;
        if (outcome.isDone()) {
            settle(made, outcome);
        } else {
            CompletableFuture<T> later = outcome;
            outcome.whenComplete((r, e) -> settle(made, later));
        }
    }

    private void settle(int made, CompletableFuture<T> outcome) {
        if (isDone()) {
            return;
        }
        T result = null;
        Throwable failure = null;
        try {
            result = outcome.join();
        } catch (Throwable e) {
            failure = unwrap(e);
        }
        Decision decision;
        try {
            decision = judge.judge(made, result, failure, Duration.between(scheduler.now(), deadline));
        } catch (Throwable e) {
            completeExceptionally(e);
            return;
        }
        if (decision.pause() == null) {
            Throwable end = decision.failure() != null ? decision.failure() : failure;
            if (end != null) {
                completeExceptionally(end);
            } else {
                complete(result);
            }
            return;
        }
        awaited = decision.awaited();
        enlist();
        String stopped = stoppedBecause;
        if (stopped != null) {
            completeExceptionally(new AccsStoppedException(request, stopped, decision.awaited()));
            return;
        }
        String awaiting = decision.awaited();
        try {
            pending = scheduler.later(decision.pause(), this::attempt, rejected -> completeExceptionally(
                    new AccsStoppedException(request, "its component stopped", awaiting)));
        } catch (RejectedExecutionException e) {
            completeExceptionally(new AccsStoppedException(request, "its component stopped", awaiting));
            return;
        }
        // a stop that came between the check above and the scheduling must not be missed
        if (stoppedBecause != null) {
            abort(stoppedBecause);
        }
    }

    /**
     * Says what the running attempt now waits for, other than an answer (a token from IMS); null once it sends again.
     * A call told to stop ends at once if it waits.
     */
    public void awaiting(String what) {
        awaited = what;
        if (what != null) {
            enlist();
            if (stoppedBecause != null) {
                abort(stoppedBecause);
            }
        }
    }

    /**
     * Joins the owners' calls before a wait, and takes up a stop of theirs since the call started: a stop while it sent
     * found it not among them, and must still end its wait.
     */
    private void enlist() {
        synchronized (this) {
            if (!enlisted && !isDone()) {
                owners.add(this);
                enlisted = true;
            }
        }
        if (stoppedBecause == null) {
            String why = owners.stoppedBecause();
            stoppedBecause = why != null ? why : owners.stoppedSince(ownersStopsAtStart);
        }
    }

    @Override
    public boolean complete(T value) {
        boolean done = super.complete(value);
        leave();
        return done;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean done = super.completeExceptionally(failure);
        leave();
        return done;
    }

    private void leave() {
        if (enlisted) {
            synchronized (this) {
                owners.remove(this);
                enlisted = false;
            }
        }
    }

    /**
     * Ends the call with an {@link AccsStoppedException} if it is waiting; a call whose request is on the wire ends
     * when the answer is in, without another attempt.
     *
     * @param why who stopped ("route orders stopped")
     */
    public void abort(String why) {
        stoppedBecause = why;
        String what = awaited;
        if (what != null && completeExceptionally(new AccsStoppedException(request, why, what))) {
            Future<?> p = pending;
            if (p != null) {
                p.cancel(false);
            }
        }
    }

    /** The attempts made so far. */
    public int attempts() {
        return attempts;
    }

    /** What the call waits for now, or null while sending. */
    public String awaited() {
        return awaited;
    }

    /**
     * Waits for the outcome on this thread (the synchronous callers: a consumer's poll, a page of a fetchAll walk).
     * The call's own exception is thrown as it is.
     */
    public T await() throws java.io.IOException {
        try {
            return get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("the waiting thread was interrupted");
            throw new AccsStoppedException(request, "the waiting thread was interrupted",
                    awaited != null ? awaited : "an answer");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    /** The exception a future failed with, without the wrappers CompletableFuture adds. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        String what = awaited;
        return "Call[" + request + (what != null ? ", waiting for " + what : "") + "]";
    }
}
