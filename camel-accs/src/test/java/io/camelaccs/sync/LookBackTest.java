package io.camelaccs.sync;

import java.time.Duration;
import java.time.Instant;

import io.camelaccs.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule of look-back passes, step by step on a clock the test moves: one poll is one call to startOf, its
 * answers, and walkedToEnd when it read every page.
 */
class LookBackTest {

    private static final String BURST = "2026-01-01 10:00:00";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:05Z"));

    private LookBack lookBack(Duration overlap) {
        LookBack lookBack = new LookBack(overlap, clock);
        lookBack.started(new Watermark("2026-01-01 00:00:00", null), false);
        return lookBack;
    }

    /** A poll that walks to the end, its answers bringing news at the given position. */
    private Watermark poll(LookBack lookBack, Watermark committed, Watermark news) {
        Watermark start = lookBack.startOf(committed);
        if (news != null) {
            lookBack.answered(clock.instant(), news, true);
        }
        lookBack.walkedToEnd();
        return start;
    }

    @Test
    void aBurstCostsOnePassOnceItCanSettleAndPollsStartAtTheWatermarkMeanwhile() {
        LookBack lookBack = lookBack(Duration.ofSeconds(60));
        Watermark head = new Watermark(BURST, "20000");
        assertEquals(new Watermark("2026-01-01 00:00:00", null), poll(lookBack, new Watermark("2026-01-01 00:00:00", null), head));

        for (int s = 0; s < 60; s++) {
            clock.advance(Duration.ofSeconds(1));
            assertEquals(head, poll(lookBack, head, null), "an idle poll starts at the watermark, at " + s + " s");
        }
        clock.advance(Duration.ofSeconds(1));
        Watermark pass = poll(lookBack, head, null);
        assertTrue(pass.compareTo(new Watermark(BURST, null)) <= 0, "the pass reads the whole second: " + pass);
        assertTrue(lookBack.isSettled());
        for (int s = 0; s < 300; s += 10) {
            clock.advance(Duration.ofSeconds(10));
            assertEquals(head, poll(lookBack, head, null), "settled: no further pass");
        }
    }

    @Test
    void aRestartLooksBackAtOnceAndAgainOnceTheStoredSecondCanSettle() {
        LookBack lookBack = new LookBack(Duration.ofSeconds(60), clock);
        Watermark stored = new Watermark(BURST, "500");
        lookBack.started(stored, true);

        assertEquals(new Watermark("2026-01-01 09:58:59", null), poll(lookBack, stored, null),
                "the first poll starts overlap plus the second of precision before the stored watermark");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(stored, poll(lookBack, stored, null), "too early for the second pass");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(new Watermark("2026-01-01 09:58:59", null), poll(lookBack, stored, null),
                "a late commit in the stored second, visible after the start, is found by the second pass");
        assertTrue(lookBack.isSettled());
    }

    @Test
    void theSettleClockIsTheAnswersArrival() {
        LookBack lookBack = lookBack(Duration.ofSeconds(2));
        Watermark head = new Watermark(BURST, "1");
        lookBack.startOf(new Watermark("2026-01-01 00:00:00", null));
        // a search sent now, paused 10 s by a 429: its answer arrives, with news, when the pause is over
        clock.advance(Duration.ofSeconds(10));
        lookBack.answered(clock.instant(), head, true);
        lookBack.walkedToEnd();

        assertEquals(head, lookBack.startOf(head), "2 s + 1 s have not passed since the answer arrived");
        lookBack.walkedToEnd();
        clock.advance(Duration.ofSeconds(3));
        assertTrue(lookBack.startOf(head).compareTo(head) < 0, "now they have");
    }

    @Test
    void underContinuousNewsAPassStillRunsAtABoundedIntervalAndCoversFromWhereTheLastOneSettled() {
        LookBack lookBack = lookBack(Duration.ofSeconds(2));
        long second = CommerceTime.epochSecond(BURST);
        Watermark committed = new Watermark("2026-01-01 00:00:00", null);
        int passes = 0;
        Watermark lastPassStart = null;
        for (int poll = 0; poll < 100; poll++) {
            // news at every poll, a poll every half second, each stamped now
            Watermark news = new Watermark(CommerceTime.format(second + poll / 2), Integer.toString(poll));
            Watermark start = poll(lookBack, committed, news);
            if (start.compareTo(committed) < 0) {
                passes++;
                if (lastPassStart != null) {
                    assertTrue(start.compareTo(lastPassStart) > 0, "each pass starts later than the one before");
                }
                lastPassStart = start;
            }
            committed = news;
            clock.advance(Duration.ofMillis(500));
        }
        // 50 s of news, 3 s to settle: the oldest news no pass has read waits at most 6 s (and a poll)
        assertTrue(passes >= 7, "passes: " + passes);
        assertFalse(lookBack.isSettled());
    }

    @Test
    void aPassCutShortResumesWhereItStoppedAndSettlesNothing() {
        LookBack lookBack = lookBack(Duration.ofSeconds(2));
        Watermark head = new Watermark(BURST, "300");
        poll(lookBack, new Watermark("2026-01-01 00:00:00", null), head);
        clock.advance(Duration.ofSeconds(5));

        Watermark start = lookBack.startOf(head);
        assertTrue(start.compareTo(head) < 0);
        lookBack.handledThrough(new Watermark(BURST, "100"));
        // the poll failed on the next page: no walkedToEnd
        assertEquals(new Watermark(BURST, "100"), lookBack.startOf(head), "the next poll continues the pass");
        assertFalse(lookBack.isSettled());
        lookBack.walkedToEnd();
        assertTrue(lookBack.isSettled());
    }

    @Test
    void aLongFirstSyncNeedNotRememberMoreThanItsLastMinutes() {
        LookBack lookBack = lookBack(Duration.ofSeconds(60));
        // a first sync reads a year of changes in one poll of 10 minutes
        lookBack.startOf(new Watermark("2026-01-01 00:00:00", null));
        clock.advance(Duration.ofMinutes(10));
        lookBack.answered(clock.instant(), new Watermark("2026-01-01 09:00:00", "900000"), true);

        long newest = CommerceTime.epochSecond("2026-01-01 09:00:00");
        long horizon = lookBack.unlikelyToBeReadBefore();
        assertTrue(horizon > newest - 20 * 60 && horizon < newest - 10 * 60, "the last 10 minutes and a few more: "
                                                                            + CommerceTime.format(horizon));
        clock.advance(Duration.ofSeconds(61));
        Watermark pass = lookBack.startOf(new Watermark("2026-01-01 09:00:00", "900000"));
        assertTrue(CommerceTime.epochSecond(pass.value()) >= horizon, "the pass reads nothing forgotten: " + pass);
    }

    @Test
    void zeroOverlapTurnsItOff() {
        LookBack lookBack = new LookBack(Duration.ZERO, clock);
        Watermark stored = new Watermark(BURST, "5");
        lookBack.started(stored, true);
        assertEquals(stored, poll(lookBack, stored, stored));
        clock.advance(Duration.ofHours(1));
        assertEquals(stored, poll(lookBack, stored, null));
    }
}
