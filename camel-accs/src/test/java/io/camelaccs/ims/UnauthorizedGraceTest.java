package io.camelaccs.ims;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.ims.TokenProvider.Verdict;
import io.camelaccs.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * How the token cache tells a permission 401 from a bad token, on its own clock: a token refused although fetched for a
 * replay is kept for a grace that doubles while fresh tokens keep failing, and an old or cured token is replaced.
 */
class UnauthorizedGraceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final TokenCache cache = new TokenCache(new TokenSource() {
        @Override
        public AccessToken fetch() {
            Instant now = clock.instant();
            return new AccessToken("t" + fetches.incrementAndGet(), now, now.plus(Duration.ofHours(24)));
        }

        @Override
        public String describe() {
            return "counting";
        }
    }, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(4), null, clock);

    /** One call as CommerceClient makes it when every answer is 401: the verdict on the first token, maybe a replay. */
    private Verdict callRefusedEverywhere() {
        AccessToken used = cache.token();
        Verdict verdict = cache.rejected(used);
        if (verdict == Verdict.REPLAY) {
            cache.replayRejected(cache.token());
        }
        return verdict;
    }

    @Test
    void graceDoublesWhileFreshTokensKeepFailingAndIsCappedAtFiveMinutes() {
        List<Long> gracesSeconds = new ArrayList<>();
        assertEquals(Verdict.REPLAY, callRefusedEverywhere());
        for (int round = 0; round < 9; round++) {
            Instant until = cache.notTheTokenUntil();
            gracesSeconds.add(Duration.between(clock.instant(), until).toSeconds());
            assertEquals(Verdict.NOT_THE_TOKEN, callRefusedEverywhere(), "within the grace no token is fetched");
            clock.advance(Duration.between(clock.instant(), until));
            assertEquals(Verdict.REPLAY, callRefusedEverywhere(), "past the grace the token may be bad after all");
        }

        assertEquals(List.of(4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L), gracesSeconds);
        assertEquals(11, fetches.get(), "the first token and one per grace");
    }

    @Test
    void aCuredReplayStartsTheGraceOver() {
        callRefusedEverywhere();
        clock.advance(Duration.ofSeconds(4));
        callRefusedEverywhere();
        assertEquals(Duration.ofSeconds(8), Duration.between(clock.instant(), cache.notTheTokenUntil()));

        clock.advance(Duration.ofSeconds(8));
        AccessToken kept = cache.token();
        assertEquals(Verdict.REPLAY, cache.rejected(kept));
        AccessToken fresh = cache.token();
        cache.replayAccepted(fresh); // this time the token was the cause: the next permission 401 starts over
        clock.advance(Duration.ofMinutes(1));
        callRefusedEverywhere();

        assertEquals(Duration.ofSeconds(4), Duration.between(clock.instant(), cache.notTheTokenUntil()));
    }

    @Test
    void anOrdinaryTokenRefusedIsReplacedAtOnceHoweverYoung() {
        AccessToken first = cache.token();

        assertEquals(Verdict.REPLAY, cache.rejected(first));
        AccessToken second = cache.token();

        assertNotSame(first, second);
        assertNull(cache.notTheTokenUntil());
        assertEquals(Verdict.REPLAY, cache.rejected(first), "a late 401 for the replaced token: use the new one");
        assertSame(second, cache.token(), "and the new one stays");
    }

    @Test
    void aReplacementRefusedOnItsFirstUseIsNotDiscardedEither() {
        AccessToken first = cache.token();
        cache.rejected(first);
        AccessToken replacement = cache.token();

        // another caller's first request with the replacement comes back 401 before any replay of it did
        assertEquals(Verdict.NOT_THE_TOKEN, cache.rejected(replacement));

        assertSame(replacement, cache.token());
        assertEquals(2, fetches.get());
    }
}
