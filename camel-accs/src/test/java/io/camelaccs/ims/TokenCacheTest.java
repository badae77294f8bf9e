package io.camelaccs.ims;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCacheTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final ManualExecutor background = new ManualExecutor();
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A token source whose answers the test scripts. */
    private final class ScriptedSource implements TokenSource {
        final AtomicInteger calls = new AtomicInteger();
        volatile Supplier<AccessToken> next = () -> token("t" + calls.get(), HOUR);

        @Override
        public AccessToken fetch() {
            calls.incrementAndGet();
            return next.get();
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    private AccessToken token(String value, Duration lifetime) {
        Instant now = clock.instant();
        return new AccessToken(value, now, now.plus(lifetime));
    }

    private TokenCache cache(TokenSource source) {
        return new TokenCache(source, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), background,
                clock);
    }

    @Test
    void freshTokenIsReusedWithoutAskingIms() {
        ScriptedSource source = new ScriptedSource();
        TokenCache cache = cache(source);

        AccessToken first = cache.token();
        clock.advance(Duration.ofMinutes(54));
        AccessToken again = cache.token();

        assertSame(first, again);
        assertEquals(1, source.calls.get());
        assertEquals(0, background.size());
    }

    @Test
    void staleTokenIsServedWhileOneBackgroundRefreshRuns() {
        ScriptedSource source = new ScriptedSource();
        TokenCache cache = cache(source);
        AccessToken first = cache.token();

        clock.advance(Duration.ofMinutes(56)); // inside the 5 minute refresh margin
        for (int i = 0; i < 10; i++) {
            assertSame(first, cache.token(), "callers do not wait for the refresh");
        }
        assertEquals(1, background.size(), "one refresh, however many callers");

        background.runAll();
        AccessToken second = cache.token();
        assertNotSame(first, second);
        assertEquals(2, source.calls.get());
    }

    @Test
    void tokenAboutToExpireIsNeverHandedOut() {
        ScriptedSource source = new ScriptedSource();
        TokenCache cache = cache(source);
        AccessToken first = cache.token();

        clock.advance(Duration.ofMinutes(59).plusSeconds(40)); // 20 s left, inside the 30 s expiry margin
        AccessToken second = cache.token();

        assertNotSame(first, second);
        assertEquals(2, source.calls.get());
        assertEquals(0, background.size(), "the caller fetched it itself, since it had to wait anyway");
    }

    @Test
    void marginsShrinkForShortLivedTokens() {
        ScriptedSource source = new ScriptedSource();
        source.next = () -> token("short" + source.calls.get(), Duration.ofSeconds(2));
        TokenCache cache = cache(source);
        AccessToken first = cache.token();

        clock.advance(Duration.ofMillis(900)); // the 5 minute margin is capped at half the 2 s lifetime
        assertSame(first, cache.token());
        assertEquals(0, background.size());

        clock.advance(Duration.ofMillis(200));
        assertSame(first, cache.token(), "stale: still served");
        assertEquals(1, background.size());
    }

    @Test
    void concurrentCallersWaitOnOneFetch() throws Exception {
        ScriptedSource source = new ScriptedSource();
        CountDownLatch release = new CountDownLatch(1);
        source.next = () -> {
            awaitLatch(release);
            return token("shared", HOUR);
        };
        TokenCache cache = cache(source);

        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(threads.submit(cache::token));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> source.calls.get() == 1);
        release.countDown();

        AccessToken expected = results.get(0).get(5, TimeUnit.SECONDS);
        for (Future<AccessToken> f : results) {
            assertSame(expected, f.get(5, TimeUnit.SECONDS));
        }
        assertEquals(1, source.calls.get());
    }

    @Test
    void everyWaitingCallerGetsTheFailure() throws Exception {
        ScriptedSource source = new ScriptedSource();
        CountDownLatch release = new CountDownLatch(1);
        source.next = () -> {
            awaitLatch(release);
            throw new AccsAuthenticationException("Adobe IMS failed: HTTP 500", 500, "internal_error", null, "d-1", null);
        };
        TokenCache cache = cache(source);

        List<Future<AccessToken>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(threads.submit(cache::token));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> source.calls.get() == 1);
        release.countDown();

        for (Future<AccessToken> f : results) {
            Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
            AccsAuthenticationException auth = assertInstanceOf(AccsAuthenticationException.class, e.getCause());
            assertEquals("internal_error", auth.getError());
        }
        assertEquals(1, source.calls.get());
    }

    @Test
    void refusalIsNotRetriedDuringCooldown() {
        ScriptedSource source = new ScriptedSource();
        source.next = () -> {
            throw new AccsAuthenticationException("Adobe IMS refused: HTTP 400 invalid_client", 400, "invalid_client",
                    "invalid client_id parameter", "d-2", null);
        };
        TokenCache cache = cache(source);

        for (int i = 0; i < 100; i++) {
            AccsAuthenticationException e = assertThrows(AccsAuthenticationException.class, cache::token);
            assertEquals("invalid_client", e.getError());
            assertTrue(e.getMessage().contains("invalid_client"));
        }
        assertEquals(1, source.calls.get());

        clock.advance(Duration.ofSeconds(31));
        source.next = () -> token("after-cooldown", HOUR);
        assertEquals("after-cooldown", cache.token().value());
        assertEquals(2, source.calls.get());
    }

    @Test
    void rejectingAnOlderTokenKeepsTheCurrentOne() {
        ScriptedSource source = new ScriptedSource();
        TokenCache cache = cache(source);
        AccessToken old = cache.token();
        cache.rejected(old);
        AccessToken current = cache.token();
        assertEquals(2, source.calls.get());

        cache.rejected(old); // a late 401 for the token already replaced
        assertSame(current, cache.token());
        assertEquals(2, source.calls.get());
    }

    @Test
    void failedBackgroundRefreshKeepsServingTheStaleToken() {
        ScriptedSource source = new ScriptedSource();
        TokenCache cache = cache(source);
        AccessToken first = cache.token();
        source.next = () -> {
            throw new AccsAuthenticationException("Adobe IMS failed: HTTP 503", 503, null, null, null, null);
        };

        clock.advance(Duration.ofMinutes(56));
        assertSame(first, cache.token());
        background.runAll();
        assertSame(first, cache.token(), "IMS down: the still valid token keeps serving");
        assertEquals(0, background.size(), "and IMS gets a rest before the next attempt");

        clock.advance(Duration.ofSeconds(45));
        assertSame(first, cache.token());
        assertEquals(1, background.size(), "then it is asked again");
    }

    @Test
    void anErrorInAFetchDoesNotStrandLaterCallers() throws Exception {
        ScriptedSource source = new ScriptedSource();
        source.next = () -> {
            throw new NoClassDefFoundError("a class vanished");
        };
        TokenCache cache = cache(source);
        assertThrows(NoClassDefFoundError.class, cache::token);

        source.next = () -> token("recovered", HOUR);
        Future<AccessToken> next = threads.submit(cache::token);
        assertEquals("recovered", next.get(5, TimeUnit.SECONDS).value());
    }

    /**
     * Rounds of callers released together (a start barrier, not threads trickling in) on a clock that is slow to read,
     * which stretches each caller's window between seeing no usable token and claiming the fetch. With the cache's lock
     * a round makes exactly one fetch; without it, some round of the many makes two (see
     * docs/testing-the-component.md).
     */
    private static final int RACE_ROUNDS = 150;
    private static final int RACE_CALLERS = 8;
    private static final Duration SLOW_READ = Duration.ofNanos(200_000);

    @Test
    void callersReleasedTogetherOnAnEmptyCacheShareOneFetch() throws Exception {
        clock.slowToRead(SLOW_READ);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            ScriptedSource source = new ScriptedSource();
            TokenCache cache = cache(source);
            Set<AccessToken> got = ConcurrentHashMap.newKeySet();

            ConcurrentCallers.runTogether(RACE_CALLERS, Duration.ofSeconds(10), t -> got.add(cache.token()));

            int r = round;
            assertEquals(1, source.calls.get(), () -> "fetches in round " + r);
            assertEquals(1, got.size(), () -> "tokens handed out in round " + r);
        }
    }

    @Test
    void callersReleasedTogetherOnAStaleTokenStartOneRefresh() throws Exception {
        clock.slowToRead(SLOW_READ);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            ScriptedSource source = new ScriptedSource();
            // the refresh runs at once on the caller's thread, so it ends while the others still decide
            TokenCache cache = new TokenCache(source, Duration.ofMinutes(5), Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Runnable::run, clock);
            AccessToken first = cache.token();
            clock.advance(Duration.ofMinutes(56)); // inside the 5 minute refresh margin
            Set<AccessToken> got = ConcurrentHashMap.newKeySet();

            ConcurrentCallers.runTogether(RACE_CALLERS, Duration.ofSeconds(10), t -> got.add(cache.token()));

            int r = round;
            assertTrue(got.contains(first), () -> "the stale token serves the burst in round " + r);
            assertEquals(2, source.calls.get(), () -> "fetches in round " + r + ": one refresh for the burst");
            assertNotSame(first, cache.peek());
        }
    }

    @Test
    void callersReleasedTogetherOnAnExpiredTokenShareOneFetch() throws Exception {
        clock.slowToRead(SLOW_READ);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            ScriptedSource source = new ScriptedSource();
            TokenCache cache = cache(source);
            AccessToken first = cache.token();
            clock.advance(Duration.ofMinutes(59).plusSeconds(40)); // inside the 30 s expiry margin
            Set<AccessToken> got = ConcurrentHashMap.newKeySet();

            ConcurrentCallers.runTogether(RACE_CALLERS, Duration.ofSeconds(10), t -> got.add(cache.token()));

            int r = round;
            assertEquals(2, source.calls.get(), () -> "fetches in round " + r);
            assertEquals(1, got.size(), () -> "tokens handed out in round " + r);
            assertFalse(got.contains(first), "no caller gets the expiring token");
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects background tasks so the test decides when they run. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();
        @Override
        public synchronized void execute(Runnable command) {
            tasks.add(command);
        }

        synchronized int size() {
            return tasks.size();
        }

        void runAll() {
            Runnable r;
            while ((r = poll()) != null) {
                r.run();
            }
        }

        private synchronized Runnable poll() {
            return tasks.poll();
        }
    }
}
