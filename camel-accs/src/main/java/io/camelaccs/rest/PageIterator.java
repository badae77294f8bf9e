package io.camelaccs.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The items of every page of a search, fetched one page at a time: the next page is requested only when the items
 * of the previous one have all been taken, so a walk over millions of items holds one page in memory.
 * <p>
 * Paging stops once {@code total_count} items have been seen, or on a short or empty page. It never relies on a page
 * coming back empty: Commerce has been known to answer a page past the last with the last page again. Items are kept
 * as Commerce sent them (JSON objects as Maps) until they are taken, then bound for the route: the repeated-page
 * check compares what Commerce sent, whatever class the route gets.
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

    private final PageSource source;
    private final UnaryOperator<Object> binder;
    private final BooleanSupplier abandoned;
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
     * @param first the first page, already fetched (so that its errors fail the exchange before any item is routed)
     */
    public PageIterator(PageSource source, int pageSize, Page first) {
        this(source, pageSize, first, UnaryOperator.identity());
    }

    /**
     * @param first  the first page, already fetched
     * @param binder turns an item as Commerce sent it into what the route gets (outputClass), when it is taken
     */
    public PageIterator(PageSource source, int pageSize, Page first, UnaryOperator<Object> binder) {
        this(source, pageSize, first, binder, () -> false);
    }

    /**
     * @param first     the first page, already fetched
     * @param binder    turns an item as Commerce sent it into what the route gets (outputClass), when it is taken
     * @param abandoned whether whoever walks the items has given up (its exchange failed or was stopped): no further
     *                  page is fetched. Camel's splitter, stopping early, still iterates what is left of its body
     *                  before it lets go (MulticastProcessor#doDone), which would otherwise fetch every page.
     */
    public PageIterator(PageSource source, int pageSize, Page first, UnaryOperator<Object> binder,
                        BooleanSupplier abandoned) {
        this.source = source;
        this.binder = binder;
        this.abandoned = abandoned;
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
        if (index < items.size()) {
            return true;
        }
        if (last || abandoned.getAsBoolean()) {
            last = true;
            return false;
        }
        pageNumber++;
        try {
            Page page = source.fetch(pageNumber);
            pagesFetched++;
            accept(page);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch page " + pageNumber + " of the search: " + e.getMessage(), e);
        }
        return index < items.size();
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more items: all " + seen + " of total_count " + totalCount + " were read");
        }
        Object item = items.get(index);
        // drop the reference so a consumed page can be collected while the iterator lives on
        items.set(index, null);
        index++;
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
        return "PageIterator[page " + pageNumber + ", " + seen + " of " + totalCount + " items fetched]";
    }
}
