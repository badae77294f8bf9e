package io.camelaccs.component;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.camelaccs.rest.Keyset;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.rest.WalkResumption;

/**
 * The items of a fetchAll walked as id ranges side by side (option parallelism): each range is walked by keyset on
 * a thread of {@link FetchAllThreads}, one page request at a time, and its pages are handed over through a queue of
 * as many pages as there are ranges, so at most that many requests are in flight and memory stays bounded whatever
 * the consumer's pace. Pages are delivered as they arrive: the order across ranges is not kept.
 * <p>
 * <b>Walks follow the exchange</b>. A walk waiting to hand over a page gives up once the exchange has failed or been
 * stopped (it never waits for ever on a consumer that left); the consumer cancels the walks when it sees the exchange
 * fail, when Camel's splitter closes it (a Closeable body is closed when the split ends, completed or not) and, for
 * good, when the exchange completes ({@link #release}, an on-completion of the exchange), whatever happened in between.
 * <p>
 * <b>Nothing is skipped</b>, as with {@link PageIterator}: while the exchange is failed or stopped (the splitter's
 * drain of a failed split) {@link #hasNext} answers false without taking an item; walked again afterwards (a
 * redelivery) it resumes: first the item handed out last (at-least-once: the splitter may not have routed it), then
 * each range not walked to its end from after the last item taken from it, so the pages fetched but not taken are
 * fetched again. A failed page is thrown (and resumed the same way once the split let go of the items); a walk that
 * reached its end and is walked in another delivery attempt throws; so does one walked after its exchange completed.
 */
final class ParallelPages implements Iterator<Object>, Iterable<Object>, Closeable {

    /** Ids from {@code from} (inclusive) to before {@code before} (exclusive); a null bound is open. */
    record Range(String from, String before) {
        @Override
        public String toString() {
            return "[" + (from == null ? "" : from) + ", " + (before == null ? "" : before) + ")";
        }
    }

    /** A page of one range. */
    private record Batch(int range, List<Object> items) {
    }

    /** A range walked to its end: every page of it was queued before. */
    private record Done(int range) {
    }


    /** One range's progress, as the consumer took its items (read and written by the consumer only). */
    private static final class Progress {
        final Range range;
        Keyset.Key lastTaken;
        boolean walked;

        Progress(Range range) {
            this.range = range;
        }
    }

    /** The walks started together, cancelled together; a resume starts new ones with a new queue. */
    private static final class Walks {
        final BlockingQueue<Object> queue;
        final List<Future<?>> futures = new ArrayList<>();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        volatile boolean cancelled;
        /** A walk gave up handing over a page (its exchange had failed): a later walk of the items starts it again. */
        volatile boolean gaveUp;

        Walks(int capacity) {
            queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        }

        boolean ended() {
            return futures.stream().allMatch(Future::isDone) && queue.isEmpty();
        }
    }

    private static final long WAIT_MILLIS = 200;

    private final FetchAllThreads threads;
    private final KeysetPages.Search search;
    private final SearchCriteria criteria;
    private final Keyset keyset;
    private final int pageSize;
    private final UnaryOperator<Object> binder;
    private final PageIterator.Walker walker;
    private final Progress[] progress;
    private final AtomicReference<Walks> walks = new AtomicReference<>();
    private volatile boolean released;
    private List<Object> items = List.of();
    private int range;
    private int index;
    private final WalkResumption resumption;

    /**
     * Starts walking each range.
     *
     * @param criteria the user's criteria (filter, page size), without the keyset's conditions
     * @param ranges   ranges that together cover every id, each walked by keyset
     * @param binder   turns an item as Commerce sent it into what the route gets, when it is taken
     * @param walker   the exchange: once it failed or stopped the walks end and no item is taken
     * @throws RejectedExecutionException when the pool has no thread for a walk (none is left running)
     */
    ParallelPages(FetchAllThreads threads, KeysetPages.Search search, SearchCriteria criteria, Keyset keyset,
                  List<Range> ranges, UnaryOperator<Object> binder, PageIterator.Walker walker) {
        this.threads = threads;
        this.search = search;
        this.criteria = criteria;
        this.keyset = keyset;
        this.pageSize = criteria.pageSize();
        this.binder = binder;
        this.walker = walker;
        this.resumption = new WalkResumption(walker, "fetchAll with parallelism");
        this.progress = ranges.stream().map(Progress::new).toArray(Progress[]::new);
        start();
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

    /** Starts a walk of every range not walked to its end, each from after the last item taken from it. */
    private void start() {
        Walks started = new Walks(progress.length);
        walks.set(started);
        for (int r = 0; r < progress.length; r++) {
            if (progress[r].walked) {
                continue;
            }
            int walked = r;
            Keyset.Key after = progress[r].lastTaken;
            try {
                started.futures.add(threads.submit(() -> walk(walked, after, started)));
            } catch (RejectedExecutionException e) {
                pause();
                throw e;
            }
        }
    }

    /** Cancels the walks under way and drops the page in hand: what was not taken is fetched again by a resume. */
    private void pause() {
        cancelWalks();
        items = List.of();
        index = 0;
    }

    private void cancelWalks() {
        Walks w = walks.getAndSet(null);
        if (w != null) {
            w.cancelled = true;
            w.futures.forEach(f -> f.cancel(true));
            w.queue.clear();
        }
    }

    private void walk(int r, Keyset.Key after, Walks w) {
        Range bounds = progress[r].range;
        try {
            SearchCriteria base = keyset.between(criteria, bounds.from(), bounds.before());
            KeysetPages next = after == null ? null : new KeysetPages(search, base, keyset, after);
            PageIterator.Page page = next == null ? search.fetch(keyset.first(base)) : next.fetch(1);
            int number = 1;
            while (!w.cancelled) {
                List<Object> found = page.items() == null ? List.of() : page.items();
                if (!found.isEmpty() && !handOver(w, new Batch(r, found))) {
                    return;
                }
                if (found.isEmpty() || found.size() < pageSize || found.size() >= page.totalCount()) {
                    handOver(w, new Done(r));
                    return;
                }
                if (next == null) {
                    Keyset.Key last = KeysetPages.lastKeyOf(keyset, found);
                    if (last == null) {
                        throw new IllegalStateException("fetchAll with parallelism walks ids " + bounds + " by "
                                                        + keyset + ", and the items of its first page do not carry '"
                                                        + keyset.idField() + "'" + (keyset.leadField() == null ? ""
                                : " or '" + keyset.leadField() + "'") + ": keep them in option fields, or set"
                                                        + " parallelism=1");
                    }
                    next = new KeysetPages(search, base, keyset, last);
                }
                page = next.fetch(++number);
            }
        } catch (InterruptedException e) {
            // cancelled, or the pool shut down with the producer
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail(w, new UncheckedIOException("Cannot fetch a page of ids " + bounds + " of the search (fetchAll with"
                                             + " parallelism): " + e.getMessage(), e));
        } catch (RuntimeException e) {
            fail(w, e);
        }
    }

    /**
     * Hands a page (or the end of a range) to the consumer, waiting while the queue is full, but never for ever: it
     * gives up once the walks are cancelled or the exchange has failed or stopped (nobody may ever take it).
     */
    private boolean handOver(Walks w, Object signal) throws InterruptedException {
        while (!w.cancelled) {
            if (w.queue.offer(signal, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (walker.hasGivenUp()) {
                w.gaveUp = true;
                return false;
            }
        }
        return false;
    }

    private static void fail(Walks w, RuntimeException e) {
        if (!w.cancelled) {
            w.failure.compareAndSet(null, e);
        }
    }

    @Override
    public boolean hasNext() {
        // before the items in hand: the splitter's drain of a failed split must leave them for the resume
        if (resumption.walkerGaveUp()) {
            pause();
            return false;
        }
        if (released && !resumption.isComplete()) {
            throw new IllegalStateException("fetchAll's items are walked after the exchange that fetched them"
                                            + " completed, " + resumption.taken() + " items in: with parallelism its"
                                            + " walks end with the exchange. Walk them within the route"
                                            + " (split(body()).streaming())");
        }
        resumption.resumeIfInterrupted("a page");
        if (resumption.handsAgain() || index < items.size()) {
            return true;
        }
        if (resumption.isComplete()) {
            return resumption.end();
        }
        try {
            return awaitPage();
        } catch (RuntimeException e) {
            resumption.pageFailed();
            pause();
            throw e;
        }
    }

    private boolean awaitPage() {
        while (true) {
            Walks w = walks.get();
            if (w == null) {
                start();
                continue;
            }
            RuntimeException failed = w.failure.get();
            if (failed != null) {
                throw failed;
            }
            if (allWalked()) {
                pause();
                return resumption.end();
            }
            Object signal;
            try {
                signal = w.queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a page of fetchAll", e);
            }
            if (signal instanceof Batch batch) {
                items = batch.items();
                range = batch.range();
                index = 0;
                return true;
            } else if (signal instanceof Done done) {
                progress[done.range()].walked = true;
            } else if (resumption.walkerGaveUp()) {
                pause();
                return false;
            } else if (w.failure.get() == null && w.ended()) {
                if (!w.gaveUp) {
                    throw new IllegalStateException("fetchAll was stopped before every page was fetched: the producer"
                                                    + " or the CamelContext is stopping");
                }
                // walks that gave up while the exchange had failed (a redelivery is walking now): start them again
                walks.compareAndSet(w, null);
            }
        }
    }

    private boolean allWalked() {
        for (Progress p : progress) {
            if (!p.walked) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more items: all " + resumption.taken() + " were read");
        }
        if (resumption.handsAgain()) {
            return binder.apply(resumption.takeAgain());
        }
        Object item = items.get(index++);
        // the position to resume the range from, read now: the route may change the item it gets
        Keyset.Key key = keyset.keyOf(item);
        if (key != null) {
            progress[range].lastTaken = key;
        }
        resumption.took(item);
        return binder.apply(item);
    }

    @Override
    public Iterator<Object> iterator() {
        return this;
    }

    /**
     * Called by Camel's splitter when a split ends, completed or not: cancels the walks under way. A walk of the items
     * afterwards (a redelivery) resumes as after a failed exchange.
     */
    @Override
    public void close() {
        pause();
        resumption.closedEarly();
    }

    /** Called when the exchange completes: cancels the walks for good; the items can no longer be walked. */
    void release() {
        released = true;
        cancelWalks();
    }

    @Override
    public String toString() {
        int walked = 0;
        for (Progress p : progress) {
            walked += p.walked ? 1 : 0;
        }
        return "ParallelPages[" + progress.length + " id ranges, " + walked + " walked, " + resumption.taken()
               + " items taken"
               + (released ? ", released" : "") + "]";
    }
}
