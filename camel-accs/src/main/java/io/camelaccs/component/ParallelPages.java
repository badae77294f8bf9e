package io.camelaccs.component;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import io.camelaccs.rest.Keyset;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.rest.SearchCriteria;

/**
 * The items of a fetchAll walked as id ranges side by side (option parallelism): each range is walked by keyset on
 * an executor thread, one page request at a time, and its pages are handed over through a queue of as many pages as
 * there are ranges, so at most that many requests are in flight and memory stays bounded whatever the consumer's
 * pace. Pages are delivered as they arrive: the order across ranges is not kept.
 * <p>
 * A failed page fails the iterator (the next {@code hasNext} throws it). Closing it (Camel's splitter closes a
 * Closeable iterator when the split ends, completed or not) cancels the walks and interrupts their threads. A split
 * that stops early (stopOnException) first iterates what is left of its body to release pooled exchanges, then closes
 * it (MulticastProcessor#doDone, Camel 4.18): so the iterator also ends as soon as the exchange it was made for has
 * failed or been stopped, rather than fetching every remaining page for nothing.
 */
final class ParallelPages implements Iterator<Object>, Iterable<Object>, Closeable {

    /** An id range, inclusive; a null bound is open. */
    record Range(Long lowest, Long highest) {
        @Override
        public String toString() {
            return (lowest == null ? "" : lowest) + ".." + (highest == null ? "" : highest);
        }
    }

    private static final Object DONE = new Object();
    private static final Object FAILED = new Object();
    private static final long POLL_MILLIS = 200;

    private final KeysetPages.Search search;
    private final SearchCriteria criteria;
    private final Keyset keyset;
    private final int pageSize;
    private final UnaryOperator<Object> binder;
    private final BooleanSupplier abandoned;
    private final BlockingQueue<Object> queue;
    private final List<Future<?>> walks = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final int ranges;
    private volatile boolean closed;
    private int done;
    private List<?> items = List.of();
    private int index;

    /**
     * Starts walking each range on the executor.
     *
     * @param criteria  the user's criteria (filter, page size), without the keyset's conditions
     * @param binder    turns an item as Commerce sent it into what the route gets, when it is taken
     * @param abandoned whether the consumer gave up (its exchange failed or was stopped): the walks end
     */
    ParallelPages(ExecutorService executor, KeysetPages.Search search, SearchCriteria criteria, Keyset keyset,
                  List<Range> ranges, UnaryOperator<Object> binder, BooleanSupplier abandoned) {
        this.search = search;
        this.criteria = criteria;
        this.keyset = keyset;
        this.pageSize = criteria.pageSize();
        this.binder = binder;
        this.abandoned = abandoned;
        this.ranges = ranges.size();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, ranges.size()));
        for (Range range : ranges) {
            walks.add(executor.submit(() -> walk(range)));
        }
    }

    /**
     * The id range from {@code lowest} to {@code highest} split evenly into at most {@code count} ranges; the first
     * is open below and the last open above, so that an item inserted outside the range during the walk is delivered
     * once too. Should the highest id found be below the lowest (the data changed between the two searches), the
     * walk is one range.
     */
    static List<Range> split(long lowest, long highest, int count) {
        if (highest < lowest) {
            return List.of(new Range(null, null));
        }
        BigInteger lo = BigInteger.valueOf(lowest);
        BigInteger span = BigInteger.valueOf(highest).subtract(lo).add(BigInteger.ONE);
        int n = span.min(BigInteger.valueOf(Math.max(1, count))).intValue();
        List<Range> ranges = new ArrayList<>(n);
        Long from = null;
        for (int i = 1; i <= n; i++) {
            Long to = i == n ? null
                    : lo.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).longValue() - 1;
            ranges.add(new Range(from, to));
            from = to == null ? null : to + 1;
        }
        return ranges;
    }

    /**
     * Fails endpoint creation when option parallelism cannot apply: below 1, or where fetchAll has
     * no keyset walk to split (no known entity id field, raw searchCriteria options, a sort on two other fields).
     */
    static void checkOptions(String path, AccsEndpointConfiguration conf, Map<String, String> passThrough) {
        int n = conf.getParallelism();
        if (n < 1) {
            throw new IllegalArgumentException("Option parallelism must be at least 1, got " + n);
        }
        if (n == 1 || !conf.isFetchAll()) {
            // without fetchAll there is no walk to split
            return;
        }
        String why = null;
        if (passThrough.keySet().stream().anyMatch(name -> name.startsWith("searchCriteria["))) {
            why = "raw searchCriteria[...] options leave no keyset walk to split: use options filter and sortOrders";
        } else {
            Optional<EntityIdField> id = EntityIdField.of(path, conf.getIdField());
            if (id.isEmpty()) {
                why = "the entity id field of " + path + " is not known: set option idField";
            } else if (conf.getSortOrders() != null && !conf.getSortOrders().isBlank() && Keyset.of(
                    SearchCriteria.builder().sortOrders(conf.getSortOrders()).build().sortOrders(), id.get().field(),
                    id.get().itemFields()).isEmpty()) {
                why = "sortOrders '" + conf.getSortOrders() + "' sorts on more than one field besides "
                      + id.get().field() + ", so fetchAll pages by page number, which cannot be split";
            }
        }
        if (why != null) {
            throw new IllegalArgumentException("Option parallelism=" + n + " cannot apply: " + why
                                               + " (or leave parallelism at 1)");
        }
    }

    private void walk(Range range) {
        try {
            SearchCriteria base = keyset.within(criteria, range.lowest(), range.highest());
            PageIterator.Page page = search.fetch(keyset.first(base));
            KeysetPages next = null;
            int number = 1;
            while (!closed) {
                List<Object> found = page.items() == null ? List.of() : page.items();
                if (!found.isEmpty()) {
                    queue.put(found);
                }
                if (found.isEmpty() || found.size() < pageSize || found.size() >= page.totalCount()) {
                    break;
                }
                if (next == null) {
                    Keyset.Key last = KeysetPages.lastKeyOf(keyset, found);
                    if (last == null) {
                        throw new IllegalStateException("fetchAll with parallelism walks ids " + range + " by "
                                                        + keyset + ", and the items of its first page do not carry '"
                                                        + keyset.idField() + "'" + (keyset.leadField() == null ? ""
                                : " or '" + keyset.leadField() + "'") + ": keep them in option fields, or set"
                                                        + " parallelism=1");
                    }
                    next = new KeysetPages(search, base, keyset, last);
                }
                page = next.fetch(++number);
            }
            queue.put(DONE);
        } catch (InterruptedException e) {
            // closed, or the executor shut down: the consumer sees the walk ended without finishing
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(new UncheckedIOException("Cannot fetch a page of ids " + range + " of the search: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        if (!closed) {
            failure.compareAndSet(null, e);
            // wakes the consumer if it waits; a full queue means it will look again anyway
            queue.offer(FAILED);
        }
    }

    @Override
    public boolean hasNext() {
        while (index >= items.size()) {
            RuntimeException failed = failure.get();
            if (failed != null) {
                close();
                throw failed;
            }
            if (closed) {
                return false;
            }
            if (done == ranges || abandoned.getAsBoolean()) {
                close();
                return false;
            }
            Object signal;
            try {
                signal = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for a page of fetchAll", e);
            }
            if (signal == DONE) {
                done++;
            } else if (signal instanceof List<?> page) {
                items = page;
                index = 0;
            } else if (signal == null && queue.isEmpty() && walks.stream().allMatch(Future::isDone)
                       && failure.get() == null && done < ranges && queue.isEmpty()) {
                close();
                throw new IllegalStateException("fetchAll was stopped before every page was fetched: the producer or"
                                                + " the CamelContext is stopping");
            }
        }
        return true;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more items");
        }
        return binder.apply(items.get(index++));
    }

    @Override
    public Iterator<Object> iterator() {
        return this;
    }

    /** Cancels the walks still running; the items not yet taken are dropped. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        walks.forEach(w -> w.cancel(true));
        queue.clear();
    }

    @Override
    public String toString() {
        return "ParallelPages[" + ranges + " id ranges, " + done + " walked" + (closed ? ", closed" : "") + "]";
    }
}
