package io.camelaccs.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's core: attempts and the pauses between them, and what a stop does to a call that waits, one that
 * sends, and one started later.
 */
class CallTest {

    private final Scheduler scheduler = Scheduler.standalone(Clock.systemUTC());
    private final AtomicInteger attempts = new AtomicInteger();

    /** Answers "busy" until the given attempt, then "done"; the judge pauses after "busy". */
    private Call<String> call(Calls owner, int doneAt, Duration pause) {
        return Call.start("GET /V1/x", Duration.ofMinutes(1), scheduler, owner,
                c -> CompletableFuture.completedFuture(attempts.incrementAndGet() >= doneAt ? "done" : "busy"),
                (attempt, result, failure, left) -> "busy".equals(result)
                        ? Call.Decision.pause(pause, "a pause of " + pause.toMillis() + " ms") : Call.Decision.finish());
    }

    @Test
    void aCallAttemptsAgainAfterItsPausesAndCompletesWithTheLastResult() throws Exception {
        Call<String> call = call(new Calls(), 3, Duration.ofMillis(10));

        assertEquals("done", call.get(5, TimeUnit.SECONDS));
        assertEquals(3, call.attempts());
    }

    @Test
    void anAbortEndsAWaitingCallAtOnceAndSaysWhatItWaitedFor() {
        Calls route = new Calls();
        Call<String> call = call(route, 2, Duration.ofMinutes(5));
        assertEquals("a pause of 300000 ms", call.awaited());

        route.abort("route r is stopping");

        AccsStoppedException e = assertThrows(AccsStoppedException.class, call::await);
        assertEquals("GET /V1/x: route r is stopping while waiting for a pause of 300000 ms", e.getMessage());
        assertEquals(1, attempts.get(), "the second attempt is never made");
    }

    @Test
    void afterAnAbortLaterCallsPauseAndRetryAsUsual() throws Exception {
        // a route stop Camel gives up on leaves the route running: its next exchanges retry as before
        Calls route = new Calls();
        route.abort("route r is stopping");

        Call<String> later = call(route, 2, Duration.ofMillis(10));

        assertEquals("done", later.get(5, TimeUnit.SECONDS));
    }

    @Test
    void afterAStopLaterCallsStillSendButDoNotWaitUntilReopened() throws Exception {
        Calls producer = new Calls();
        producer.stop("the accs producer stopped");

        Call<String> later = call(producer, 2, Duration.ofMillis(10));

        AccsStoppedException e = assertThrows(AccsStoppedException.class, later::await);
        assertTrue(e.getMessage().endsWith("the accs producer stopped while waiting for a pause of 10 ms"),
                e.getMessage());
        assertEquals(1, attempts.get(), "its first attempt was sent");

        producer.open();
        assertEquals("done", call(producer, 3, Duration.ofMillis(10)).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCallSendingWhenStoppedEndsWithItsAnswerButDoesNotRetry() {
        Calls route = new Calls();
        CompletableFuture<String> answer = new CompletableFuture<>();
        Call<String> call = Call.start("GET /V1/x", Duration.ofMinutes(1), scheduler, route, c -> answer,
                (attempt, result, failure, left) -> Call.Decision.pause(Duration.ofMillis(10), "a retry pause"));

        route.abort("route r is stopping");
        assertFalse(call.isDone(), "a request on the wire is answered first");
        answer.complete("busy");

        AccsStoppedException e = assertThrows(AccsStoppedException.class, call::await);
        assertTrue(e.getMessage().endsWith("route r is stopping while waiting for a retry pause"), e.getMessage());
    }

    @Test
    void aCallOfSeveralOwnersIsEndedByAStopOfAnyOfThem() {
        Calls producer = new Calls();
        Calls caller = new Calls();
        Call<String> call = call(Calls.of(List.of(producer, caller)), 2, Duration.ofMinutes(5));

        caller.abort("route caller is stopping");

        assertTrue(call.isCompletedExceptionally());
        // and it leaves both registries once ended: a stop of the other finds nothing to end
        producer.stop("the accs producer stopped");
        assertEquals(1, attempts.get());
    }

    @Test
    void anIoFailureTheJudgeDoesNotRetryIsThrownAsItIs() {
        IOException refused = new IOException("Connection refused");
        Call<String> call = Call.start("GET /V1/x", Duration.ofMinutes(1), scheduler, new Calls(),
                c -> CompletableFuture.failedFuture(refused), (attempt, result, failure, left) -> Call.Decision.finish());

        IOException thrown = assertThrows(IOException.class, call::await);
        assertSame(refused, thrown);
    }

    @Test
    void aPauseRunsOnAWorkerNotOnTheTimer() {
        AtomicInteger onTimer = new AtomicInteger();
        Call<String> call = Call.start("GET /V1/x", Duration.ofMinutes(1), scheduler, new Calls(), c -> {
            if (Thread.currentThread().getName().contains("timer")) {
                onTimer.incrementAndGet();
            }
            return CompletableFuture.completedFuture(attempts.incrementAndGet() >= 2 ? "done" : "busy");
        }, (attempt, result, failure, left) -> "busy".equals(result)
                ? Call.Decision.pause(Duration.ofMillis(5), "a pause") : Call.Decision.finish());

        await().atMost(Duration.ofSeconds(5)).until(call::isDone);
        assertEquals(0, onTimer.get(), "the timer only hands attempts to the workers");
    }
}
