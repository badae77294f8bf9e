package io.camelaccs.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * The items of every page of a search, fetched one page at a time: the next page is requested only when the items
 * of the previous one have all been taken, so a walk over millions of items holds one page in memory.
 * <p>
 * Paging stops once {@code total_count} items have been seen, or on a short or empty page. It never relies on a page
 * coming back empty: Commerce has been known to answer a page past the last with the last page again. Items are kept
 * as Commerce sent them (JSON objects as Maps) until they are taken, then bound for the route: the repeated-page
 * check compares what Commerce sent, whatever class the route gets.
 * <p>
 * <b>A walk that fails or is abandoned never ends as if complete.</b> Camel's splitter, when a split fails or stops
 * early, still iterates what is left of its body before it lets go (MulticastProcessor#doDone, Camel 4.18), and a
 * redelivery of the split gets this very object again (ObjectHelper#createIterator uses an Iterator as it is). So:
 * <ul>
 * <li>while its {@link Walker} has given up (the exchange is failed or stopped), {@link #hasNext} answers false
 * without taking an item or fetching a page, even with items of the current page left: they stay for a resume;</li>
 * <li>a page that cannot be fetched is thrown, and the same page is asked for again by a resume;</li>
 * <li>walked again after either (the walker no longer gives up: Camel redelivered the exchange, or a
 * {@code doCatch} walks it again), it <b>resumes</b>: first the item handed out last before the interruption
 * (at-least-once: that item may never have been routed, as the splitter looks one item ahead before it routes the
 * item it holds, and a stopOnException split stops on it; without outputClass it is the same Map object), then the
 * rest of its page as fetched, then the pages after it (keyset: after that page's last key; page numbers: the next
 * number). After a failed page it resumes only once the split has let go of it (a streaming split's drain, seen as
 * a walker that gave up): a split without {@code streaming()} takes every item before routing any, so a walk
 * picked up again straight after the failure throws rather than skip the items taken;</li>
 * <li>a walk that reached its end and is walked in another delivery attempt (a redelivered split whose items all
 * went out) throws an {@link IllegalStateException}: it cannot tell which items failed, and yielding nothing would
 * end the exchange as a success with items missing.</li>
 * </ul>
 */
public final class PageIterator implements Iterator<Object>, Iterable<Object> {

    /** Fetches one page (1-based). */
    @FunctionalInterface
    public interface PageSource {
        Page fetch(int pageNumber) throws IOException;

        /**
         * Whether a page's {@code total_count} counts the items from that page on (a keyset search asks for the items
         * after the last one seen) rather than every match of the search (offset paging).
         */
        default boolean countsFromEachPage() {
            return false;
        }
    }

    /** One page of a search response. */
    public record Page(List<Object> items, long totalCount) {
    }

    /** Whoever walks the items: in the component, the exchange whose body the iterator is. */
    public interface Walker {

        /** Whether the walker gave up (its exchange failed or was stopped): no item is taken, no page fetched. */
        boolean hasGivenUp();

        /** Which delivery attempt walks (Camel's redelivery counter): another one means the walk is started again. */
        int attempt();
    }

    private final PageSource source;
    private final UnaryOperator<Object> binder;
    private final WalkResumption resumption;
    private final int pageSize;
    private final long firstTotalCount;
    private int pageNumber;
    private List<Object> items;
    private int index;
    private long seen;
    private long totalCount;
    private boolean last;
    private int pagesFetched;
    private Object firstOfPage;

    /**
     * @param first  the first page, already fetched (so that its errors fail the exchange before any item is routed)
     * @param binder turns an item as Commerce sent it into what the route gets (outputClass), when it is taken
     * @param walker whoever walks the items: once it has given up no page is fetched and no item taken (see above)
     */
    public PageIterator(PageSource source, int pageSize, Page first, UnaryOperator<Object> binder, Walker walker) {
        this.source = source;
        this.binder = binder;
        this.resumption = new WalkResumption(walker, "fetchAll");
        this.pageSize = pageSize;
        this.firstTotalCount = first.totalCount();
        this.pageNumber = 1;
        this.pagesFetched = 1;
        accept(first);
    }

    private void accept(Page page) {
        List<Object> next = page.items() == null ? Collections.emptyList() : page.items();
        // without total_count (a fields filter may drop it), the last page coming back again is the only end sign
        if (pagesFetched > 1 && !next.isEmpty() && next.get(0) != null && next.get(0).equals(firstOfPage)) {
            next = Collections.emptyList();
        }
        items = next;
        firstOfPage = items.isEmpty() ? null : items.get(0);
        index = 0;
        seen += items.size();
        totalCount = page.totalCount();
        boolean allSeen = source.countsFromEachPage() ? items.size() >= totalCount : seen >= totalCount;
        last = items.isEmpty() || items.size() < pageSize || allSeen;
    }

    @Override
    public boolean hasNext() {
        // before the items in hand: the splitter's drain of a failed split must leave them for the resume
        if (resumption.walkerGaveUp()) {
            return false;
        }
        resumption.resumeIfInterrupted("page " + (pageNumber + 1));
        if (resumption.handsAgain() || index < items.size()) {
            return true;
        }
        if (last) {
            return resumption.end();
        }
        try {
            Page page = source.fetch(pageNumber + 1);
            pageNumber++;
            pagesFetched++;
            accept(page);
        } catch (IOException e) {
            resumption.pageFailed();
            throw new UncheckedIOException("Cannot fetch page " + (pageNumber + 1) + " of the search (fetchAll): "
                                           + e.getMessage() + ". The items are handed out again from the last one"
                                           + " taken when the exchange is redelivered", e);
        } catch (RuntimeException e) {
            resumption.pageFailed();
            throw e;
        }
        return index < items.size() || resumption.end();
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more items: all " + seen + " of total_count " + totalCount + " were read");
        }
        if (resumption.handsAgain()) {
            return binder.apply(resumption.takeAgain());
        }
        Object item = items.get(index);
        // drop the reference so a consumed page can be collected while the iterator lives on
        items.set(index, null);
        index++;
        resumption.took(item);
        return binder.apply(item);
    }

    @Override
    public Iterator<Object> iterator() {
        return this;
    }

    /** total_count of the first page: what the search matched when it started. */
    public long totalCount() {
        return firstTotalCount;
    }

    @Override
    public String toString() {
        return "PageIterator[page " + pageNumber + ", " + seen + " of " + totalCount + " items fetched"
               + resumption.state() + "]";
    }
}
