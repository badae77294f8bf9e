package io.camelaccs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated Adobe I/O Events journal of one event registration: every change the simulated Commerce makes to
 * its catalog (product save, product delete, source item save) is appended as a Commerce event, whether it came
 * through the REST API, an asynchronous or bulk operation, or the simulator's Java API ({@link ProductStore},
 * {@link SourceItemStore}): as in Commerce, where an edit in the admin fires the same observers as a REST call.
 * Seed data makes no events. Served at {@link AccsSimulator#journalUrl()}; thread-safe.
 * <p>
 * Like I/O Events it keeps events for a while ({@link #retainFor(Duration)}, default 7 days of simulator time, or
 * {@link #retainLast(int)}), answers {@code 410 Gone} to a position whose following events have expired, answers
 * {@code 204} with {@code retry-after} at the end ({@link #retryAfterSeconds(int)}), delivers at least once
 * ({@link #duplicateFraction(double)} and {@link #republish(String)} append an event again at a new position), and
 * does not promise order ({@link #reorderFraction(double)} swaps adjacent events). Either way the journal stays a
 * journal: positions only ever follow each other in the order they are served, so a consumer following
 * {@code since} misses nothing; what is out of order is the events' {@code time} and their entities'
 * {@code updated_at}, as when I/O Events delivers out of order. A webhook subscription ({@link WebhookPublisher})
 * pushes the journal's order, duplicates and swaps included.
 */
public final class EventJournal {

    /** I/O Events' retention. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The {@code retry-after} of a {@code 204} unless set otherwise. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 10;
    /** How many events a page holds when the request has no {@code limit}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private static final int DUPLICATE_WINDOW = 20;
    private static final String SYNTHETIC_PREFIX = "LOAD-";

    /**
     * One appended entry; the event node is never changed after it was appended, and dropped (null) once the entry
     * has expired, so that a long run keeps only positions of what it no longer serves.
     */
    private record Stored(String position, ObjectNode event, Instant appendedAt, boolean duplicate) {
        JournalEntry entry() {
            return new JournalEntry(position, event.deepCopy(), appendedAt, duplicate);
        }
    }

    /** An event published but held back, to be appended after the next one; its position is already chosen. */
    private record Held(String position, ObjectNode event) {
    }

    /** What a read of the journal gives; {@code nextSince} is null for "from the oldest". */
    record Page(int status, List<JournalEntry> entries, String nextSince) {
    }

    private final CommerceEventFactory factory;
    private final Clock clock;
    private final Random random;
    private final List<Stored> entries = new ArrayList<>();
    private final Map<String, Integer> indexByPosition = new HashMap<>();
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private int floor;
    private int retainCount = Integer.MAX_VALUE;
    private Duration retention = DEFAULT_RETENTION;
    private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
    private int defaultPageSize = DEFAULT_PAGE_SIZE;
    private double duplicateFraction;
    private double duplicateCredit;
    private double reorderFraction;
    private double reorderCredit;
    private Held held;
    private int reordered;
    private long synthetic;

    EventJournal(CommerceEventFactory factory, Clock clock, long seed) {
        this.factory = factory;
        this.clock = clock;
        this.random = new Random(seed ^ 0xD0_D0L);
    }

    // ---- publishing ----

    /**
     * Appends a Commerce event with fresh ids, as Commerce would publish it.
     *
     * @param type  the full event type, e.g. {@code com.adobe.commerce.observer.catalog_product_save_commit_after}
     * @param value the entity's fields ({@code data.value}), copied
     * @return the entry; for an event held back by {@link #reorderFraction(double)}, the position it will have
     */
    public JournalEntry publish(String type, ObjectNode value) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        return append(factory.event(type, value));
    }

    /**
     * Appends {@code count} product save events for products that are not in the catalog ({@code LOAD-000001},
     * ...), for load tests; the catalog does not change.
     *
     * @return the entries, duplicates left out
     */
    public List<JournalEntry> publishSynthetic(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, but was " + count);
        }
        List<JournalEntry> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n;
            synchronized (this) {
                n = ++synthetic;
            }
            String sku = SYNTHETIC_PREFIX + String.format(Locale.ROOT, "%06d", n);
            ObjectNode value = Json.object().put("id", 1_000_000 + n).put("sku", sku).put("name", "Load test " + n)
                    .put("price", n % 1000 + 0.99).put("status", 1)
                    .put("updated_at", SimulatorTime.format(clock.instant()));
            published.add(publish(CommerceEventFactory.PRODUCT_SAVE, value));
        }
        return published;
    }

    /**
     * Appends an already published event once more, same {@code id} and {@code event_id}, at a new position.
     *
     * @throws IllegalArgumentException when no event has this {@code id}
     */
    public synchronized JournalEntry republish(String eventId) {
        release();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Stored s = entries.get(i);
            if (s.event() != null && s.event().path("id").asText().equals(eventId)) {
                return store(factory.uuid(), s.event(), true);
            }
        }
        throw new IllegalArgumentException("No event with id " + eventId + " is kept (never published, or expired)");
    }

    // ---- settings ----

    /** The {@code retry-after} (seconds) of a {@code 204} at the end of the journal (default 10). */
    public synchronized EventJournal retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("retry-after must not be negative, but was " + seconds);
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Keeps only the newest {@code count} entries; older positions answer {@code 410 Gone}. */
    public synchronized EventJournal retainLast(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("At least one entry must be kept, not " + count);
        }
        this.retainCount = count;
        return this;
    }

    /** Keeps entries for this long of simulator time (default 7 days); older positions answer {@code 410 Gone}. */
    public synchronized EventJournal retainFor(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("A positive retention is needed, not " + retention);
        }
        this.retention = retention;
        return this;
    }

    /**
     * Appends this fraction of events twice (default 0): after every {@code 1/fraction} new events, one of the
     * last 20 is appended again at a new position. Deterministic: the same seed picks the same events.
     *
     * @param fraction from 0 (none) to 1 (every event twice)
     */
    public synchronized EventJournal duplicateFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("A duplicate fraction is between 0 and 1, not " + fraction);
        }
        this.duplicateFraction = fraction;
        this.duplicateCredit = 0;
        return this;
    }

    /**
     * Delivers this fraction of events out of order (default 0): one event in every {@code 1/fraction} (counted
     * while none is held back) is held back and appended right after the event published next, so the two swap
     * places. Positions stay in
     * journal order; the held event's {@code time} and {@code updated_at} are older than those of the event served
     * before it. A held event is appended at the latest when the journal is next read, over HTTP or through any
     * method of this class that reads it ({@link #entries()}, {@link #latestPosition()}, ...), so nothing stays
     * hidden from a reader. Deterministic: every {@code 1/fraction}-th event is held back.
     *
     * @param fraction from 0 (none) to 1 (every second event swapped with the one after it)
     */
    public synchronized EventJournal reorderFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("A reorder fraction is between 0 and 1, not " + fraction);
        }
        this.reorderFraction = fraction;
        this.reorderCredit = 0;
        return this;
    }

    /** How many events were appended after an event published later than them ({@link #reorderFraction}). */
    public synchronized int reorderedCount() {
        release();
        return reordered;
    }

    /** How many events a page holds when the request names no {@code limit} (default 100). */
    public synchronized EventJournal defaultPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A page holds at least one event, not " + size);
        }
        this.defaultPageSize = size;
        return this;
    }

    /**
     * Answers the next {@code times} journal requests with this status ({@code 429} with the configured
     * {@code retry-after}, a 5xx) before any check.
     */
    public synchronized EventJournal failNext(int status, int times) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("An error status is 400 to 599, not " + status);
        }
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
        return this;
    }

    // ---- reading ----

    /** The entries still kept, in journal order (copies). */
    public synchronized List<JournalEntry> entries() {
        release();
        int from = oldestKept();
        List<JournalEntry> copy = new ArrayList<>(entries.size() - from);
        for (int i = from; i < entries.size(); i++) {
            copy.add(entries.get(i).entry());
        }
        return copy;
    }

    /** How many entries were ever appended, duplicates and expired ones included. */
    public synchronized int appendedCount() {
        release();
        return entries.size();
    }

    /** How many entries are still kept. */
    public synchronized int size() {
        release();
        return entries.size() - oldestKept();
    }

    /** The position of the newest entry, or null when nothing was appended. */
    public synchronized String latestPosition() {
        release();
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).position();
    }

    /** The position of the oldest entry still kept, or null when none is. */
    public synchronized String oldestPosition() {
        release();
        int from = oldestKept();
        return from < entries.size() ? entries.get(from).position() : null;
    }

    /** The configured {@code retry-after} in seconds. */
    public synchronized int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    // ---- used by the simulator ----

    void addListener(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<JournalEntry> listener) {
        listeners.remove(listener);
    }

    synchronized Integer takeFailure() {
        return failures.poll();
    }

    /**
     * Reads a page as the journal endpoint answers it.
     *
     * @param since  a position, or null
     * @param seek   a negative duration, or null (never together with {@code since})
     * @param latest whether to start at the end
     * @param limit  the page size, or null for the default
     * @throws IllegalArgumentException for an unknown position (the endpoint answers 400)
     */
    synchronized Page read(String since, Duration seek, boolean latest, Integer limit) {
        release();
        int from = oldestKept();
        int start;
        if (since != null) {
            Integer index = indexByPosition.get(since);
            if (index == null) {
                throw new IllegalArgumentException("Invalid position " + since);
            }
            start = index + 1;
            if (start < from) {
                return new Page(410, List.of(), null);
            }
        } else if (latest) {
            start = entries.size();
        } else if (seek != null) {
            Instant after = clock.instant().plus(seek);
            start = from;
            while (start < entries.size() && entries.get(start).appendedAt().isBefore(after)) {
                start++;
            }
        } else {
            start = from;
        }
        int end = (int) Math.min(entries.size(), (long) start + (limit == null ? defaultPageSize : limit));
        List<JournalEntry> page = new ArrayList<>(Math.max(0, end - start));
        for (int i = start; i < end; i++) {
            Stored s = entries.get(i);
            // the event node is never changed after appending, so the page can share it
            page.add(new JournalEntry(s.position(), s.event(), s.appendedAt(), s.duplicate()));
        }
        int last = (page.isEmpty() ? start : end) - 1;
        String next = last >= 0 ? entries.get(last).position() : since;
        return new Page(page.isEmpty() ? 204 : 200, page, next);
    }

    // ---- internals ----

    synchronized JournalEntry append(ObjectNode event) {
        String position = factory.uuid();
        if (held == null && reorderFraction > 0) {
            reorderCredit += reorderFraction;
            if (reorderCredit >= 1 - 1e-9) {
                reorderCredit -= 1;
                held = new Held(position, event);
                return new JournalEntry(position, event.deepCopy(), clock.instant(), false);
            }
        }
        JournalEntry entry = appendNew(position, event);
        if (held != null) {
            reordered++;
            release();
        }
        return entry;
    }

    /** Appends the event held back, if any: after the event that overtook it, or before anyone reads. */
    private void release() {
        if (held != null) {
            Held late = held;
            held = null;
            appendNew(late.position(), late.event());
        }
    }

    /** Appends a newly published event, and maybe a duplicate of a recent one ({@link #duplicateFraction}). */
    private JournalEntry appendNew(String position, ObjectNode event) {
        JournalEntry entry = store(position, event, false);
        if (duplicateFraction > 0) {
            duplicateCredit += duplicateFraction;
            if (duplicateCredit >= 1 - 1e-9) {
                duplicateCredit -= 1;
                int window = Math.min(DUPLICATE_WINDOW, entries.size() - oldestKept());
                Stored again = entries.get(entries.size() - 1 - random.nextInt(window));
                store(factory.uuid(), again.event(), true);
            }
        }
        return entry;
    }

    private JournalEntry store(String position, ObjectNode event, boolean duplicate) {
        Stored stored = new Stored(position, event, clock.instant(), duplicate);
        indexByPosition.put(position, entries.size());
        entries.add(stored);
        JournalEntry entry = stored.entry();
        for (Consumer<JournalEntry> listener : listeners) {
            // inside the lock: listeners see entries in journal order
            listener.accept(entry);
        }
        return entry;
    }

    /** The index of the oldest kept entry; moves forward only, as expired events never come back. */
    private int oldestKept() {
        int from = floor;
        if (retainCount != Integer.MAX_VALUE) {
            floor = Math.max(floor, entries.size() - retainCount);
        }
        Instant cutoff = clock.instant().minus(retention);
        while (floor < entries.size() && entries.get(floor).appendedAt().isBefore(cutoff)) {
            floor++;
        }
        for (int i = from; i < floor; i++) {
            Stored expired = entries.get(i);
            entries.set(i, new Stored(expired.position(), null, expired.appendedAt(), expired.duplicate()));
        }
        return floor;
    }
}
