package io.camelaccs.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fetchAll walk interrupted the way Camel's splitter interrupts it (a failed page, a drain of what is left while the
 * exchange is failed, a redelivery that walks the same iterator again) never ends as if it were complete.
 */
class PageIteratorResumeTest {

    /** 35 items in pages of 10, page numbers in {@code failing} fail once each. */
    private static final class Pages implements PageIterator.PageSource {
        final Set<Integer> failing;
        final List<Integer> fetched = new ArrayList<>();

        Pages(Integer... failing) {
            this.failing = new HashSet<>(List.of(failing));
        }

        PageIterator.Page page(int number) {
            List<Object> items = new ArrayList<>();
            for (int i = (number - 1) * 10 + 1; i <= Math.min(35, number * 10); i++) {
                items.add(i);
            }
            return new PageIterator.Page(items, 35);
        }

        @Override
        public PageIterator.Page fetch(int number) throws IOException {
            fetched.add(number);
            if (failing.remove(number)) {
                throw new IOException("HTTP 500 after 3 attempts");
            }
            return page(number);
        }
    }

    /** The exchange as the iterator sees it. */
    private static final class Exchange implements PageIterator.Walker {
        boolean failed;
        int redeliveries;

        @Override
        public boolean hasGivenUp() {
            return failed;
        }

        @Override
        public int attempt() {
            return redeliveries;
        }

        /** Camel's error handler clears the exception and redelivers. */
        void redeliver() {
            failed = false;
            redeliveries++;
        }
    }

    private static PageIterator walk(Pages pages, Exchange exchange) {
        return new PageIterator(pages, 10, pages.page(1), UnaryOperator.identity(), exchange);
    }

    private static List<Object> take(PageIterator it, int count) {
        List<Object> taken = new ArrayList<>();
        while (taken.size() < count && it.hasNext()) {
            taken.add(it.next());
        }
        return taken;
    }

    private static List<Object> range(int from, int to) {
        List<Object> items = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            items.add(i);
        }
        return items;
    }

    @Test
    void aFailedPageIsResumedByTheRedeliveryFromTheItemTakenLast() {
        Pages pages = new Pages(3);
        Exchange exchange = new Exchange();
        PageIterator it = walk(pages, exchange);
        assertEquals(range(1, 20), take(it, 20));

        // the splitter looks ahead after taking item 20: page 3 fails, and item 20 is never routed
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, it::hasNext);
        assertTrue(failure.getMessage().contains("Cannot fetch page 3"), failure.getMessage());
        // the splitter's drain of the failed split while the exchange is failed: nothing taken, nothing fetched
        exchange.failed = true;
        assertFalse(it.hasNext());
        assertFalse(it.hasNext());
        assertEquals(List.of(2, 3), pages.fetched);

        exchange.redeliver();
        List<Object> rest = take(it, 100);

        assertEquals(20, rest.get(0), "the item taken last comes again");
        assertEquals(range(20, 35), rest);
        assertEquals(List.of(2, 3, 3, 4), pages.fetched, "the failed page is asked for again");
    }

    @Test
    void theDrainOfAFailedSplitLeavesTheItemsOfThePageInHandForTheResume() {
        Pages pages = new Pages();
        Exchange exchange = new Exchange();
        PageIterator it = walk(pages, exchange);
        assertEquals(range(1, 5), take(it, 5));

        // item 5 failed and the split stopped on it (stopOnException): the drain must not take items 6 to 10
        exchange.failed = true;
        assertFalse(it.hasNext());
        exchange.redeliver();

        assertEquals(range(5, 35), take(it, 100));
        assertEquals(List.of(2, 3, 4), pages.fetched);
    }

    @Test
    void aWalkPickedUpStraightAfterAFailedPageFailsRatherThanSkipTheItemsTaken() {
        // a split without streaming() takes every item first: no drain lets go of them, and none was routed
        Pages pages = new Pages(3);
        Exchange exchange = new Exchange();
        PageIterator it = walk(pages, exchange);
        take(it, 20);
        assertThrows(UncheckedIOException.class, it::hasNext);

        exchange.redeliver();
        IllegalStateException first = assertThrows(IllegalStateException.class, it::hasNext);
        exchange.redeliver();
        IllegalStateException second = assertThrows(IllegalStateException.class, it::hasNext);

        assertTrue(first.getMessage().contains("streaming()"), first.getMessage());
        assertEquals(first.getMessage(), second.getMessage(), "it keeps failing");
    }

    @Test
    void aCompletedWalkWalkedAgainByARedeliveryFailsRatherThanYieldNothing() {
        Pages pages = new Pages();
        Exchange exchange = new Exchange();
        PageIterator it = walk(pages, exchange);
        assertEquals(range(1, 35), take(it, 100));
        // the splitter's drain after a successful split: the end, quietly
        assertFalse(it.hasNext());

        // an item failed after the walk ended (or the split's aggregation did): the drain sees the failed exchange
        exchange.failed = true;
        assertFalse(it.hasNext());
        exchange.redeliver();

        IllegalStateException again = assertThrows(IllegalStateException.class, it::hasNext);
        assertTrue(again.getMessage().contains("all 35 items"), again.getMessage());
    }

    @Test
    void aCompletedWalkWalkedInAnotherAttemptWithoutADrainFailsToo() {
        // a split without streaming() holds every item from its start: the redelivery counter tells the new attempt
        Exchange exchange = new Exchange();
        PageIterator it = walk(new Pages(), exchange);
        take(it, 100);
        exchange.redeliver();

        assertThrows(IllegalStateException.class, it::hasNext);
    }
}
