package io.camelaccs.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentDeliveriesTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private RecentDeliveries recent(int capacity) {
        return new RecentDeliveries(Duration.ofSeconds(2), capacity, now::get);
    }

    @Test
    void looksBackUntilAPassLateEnoughAfterTheLastNewsWalkedToTheEnd() {
        RecentDeliveries recent = recent(100);
        Watermark committed = new Watermark("2026-01-01 10:00:00", "3000");
        recent.newItemsRead(now.get());
        recent.delivered("3000", "2026-01-01 10:00:00");

        assertEquals(new Watermark("2026-01-01 09:59:58", null), recent.startOf(committed), "looks back 2 s");
        recent.pollWalkedToEnd();
        assertFalse(recent.isSettled(), "too soon: a save stamped in this second may still commit");

        now.addAndGet(3 * SECOND); // overlap (2 s) plus the second of stamp precision
        assertEquals(new Watermark("2026-01-01 09:59:58", null), recent.startOf(committed));
        recent.pollWalkedToEnd();
        assertTrue(recent.isSettled());
        assertEquals(committed, recent.startOf(committed), "settled: polls start at the id-bearing watermark");

        recent.newItemsRead(now.get());
        assertEquals(new Watermark("2026-01-01 09:59:58", null), recent.startOf(committed), "news unsettles it");
    }

    @Test
    void aPassCutShortSettlesNothing() {
        RecentDeliveries recent = recent(100);
        recent.newItemsRead(now.get());
        recent.delivered("1", "2026-01-01 10:00:00");
        now.addAndGet(10 * SECOND);
        recent.startOf(new Watermark("2026-01-01 10:00:00", "1"));
        // no pollWalkedToEnd: the poll failed or hit maxMessagesPerPoll
        recent.startOf(new Watermark("2026-01-01 10:00:00", "1"));
        assertFalse(recent.isSettled());
    }

    @Test
    void memoryIsBoundedAndTheLookBackStartsAfterWhatItForgot() {
        RecentDeliveries recent = recent(3);
        recent.newItemsRead(now.get());
        for (int id = 1; id <= 10; id++) {
            recent.delivered(Integer.toString(id), "2026-01-01 10:00:00");
        }
        assertEquals(3, recent.size());
        assertFalse(recent.alreadyDelivered("7", "2026-01-01 10:00:00"));
        assertTrue(recent.alreadyDelivered("8", "2026-01-01 10:00:00"));
        assertEquals(new Watermark("2026-01-01 10:00:00", "7"),
                recent.startOf(new Watermark("2026-01-01 10:00:00", "10")),
                "the look-back never re-reads an item it could not recognise");
    }

    @Test
    void anItemDeliveredAgainWithANewValueIsRememberedOnce() {
        RecentDeliveries recent = recent(100);
        recent.delivered("1", "2026-01-01 10:00:00");
        recent.delivered("1", "2026-01-01 10:00:05");
        assertEquals(1, recent.size());
        assertFalse(recent.alreadyDelivered("1", "2026-01-01 10:00:00"));
        assertTrue(recent.alreadyDelivered("1", "2026-01-01 10:00:05"));
    }

    @Test
    void pruneForgetsWhatTheLookBackCannotMeetAgain() {
        RecentDeliveries recent = recent(100);
        recent.delivered("1", "2026-01-01 10:00:00");
        recent.delivered("2", "2026-01-01 10:00:09");
        recent.prune(new Watermark("2026-01-01 10:00:10", "2"));
        assertEquals(1, recent.size());
        assertTrue(recent.alreadyDelivered("2", "2026-01-01 10:00:09"));
    }
}
