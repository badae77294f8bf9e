package io.camelaccs.sync;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * What this consumer delivered lately, so that it can look back a little before its watermark without delivering the
 * same change twice, and stop looking back once nothing late can still appear.
 * <p>
 * Why look back: Commerce stamps {@code updated_at} when an item is saved, with one-second precision, and the
 * transaction may become visible later. An item saved in the same second as the watermark but with a lower id, or
 * committed after the sync passed its timestamp, would sort before the watermark and be skipped for good. While the
 * window is unsettled, each poll therefore starts {@code overlap} before the watermark and skips the (id, value)
 * pairs it has already delivered.
 * <p>
 * Why stop: a save becomes visible at most {@code overlap} after it was stamped (that is what the option promises to
 * cover), and it was stamped no later than one second after the newest item the sync read. So a look-back that starts
 * {@code overlap} plus one second after the last search that returned anything new sees every late commit the window
 * can still receive; once such a pass has walked to the end, the window is settled and polls start at the watermark
 * itself: an idle poll is one search, however many items share the watermark's second. Only elapsed time on this
 * machine is measured, never compared with Commerce's clock.
 * <p>
 * The memory is bounded: at most {@code capacity} positions. When more were delivered inside the window, the oldest
 * are forgotten and the look-back starts after the newest forgotten position (an id-bearing position), so it never
 * re-reads an item it could not recognise. The memory is not persisted: after a restart the sync resumes exactly at
 * the stored watermark. Used by the consumer's polling thread only.
 */
public final class RecentDeliveries {

    /** The most positions remembered by default. */
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final DateTimeFormatter COMMERCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Commerce's timestamps have one-second precision: a late save may be stamped up to a second after the newest read. */
    private static final long STAMP_PRECISION_NANOS = Duration.ofSeconds(1).toNanos();

    private final Duration overlap;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<String, String> valueById = new HashMap<>();
    private final TreeSet<Watermark> positions = new TreeSet<>();
    /** The newest position forgotten for capacity: a look-back starts after it. */
    private Watermark forgottenUpTo;
    private long lastNewsReadAt;
    private boolean newsRead;
    private long passStartedAt;
    private boolean lookingBack;
    private boolean settled;

    public RecentDeliveries(Duration overlap) {
        this(overlap, DEFAULT_CAPACITY, System::nanoTime);
    }

    /**
     * @param capacity the most positions remembered
     * @param nanoTime elapsed time in nanoseconds, as {@link System#nanoTime()}
     */
    public RecentDeliveries(Duration overlap, int capacity, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.overlap = overlap;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /**
     * Where a poll starts: {@code overlap} before the watermark (or after the newest forgotten position) while the
     * window is unsettled and there is anything to compare with; the watermark itself otherwise.
     */
    public Watermark startOf(Watermark committed) {
        lookingBack = false;
        if (settled || valueById.isEmpty() || overlap.isZero() || overlap.isNegative()) {
            return committed;
        }
        String earlier = minus(committed.value(), overlap);
        if (earlier == null) {
            return committed;
        }
        Watermark start = new Watermark(earlier, null);
        if (forgottenUpTo != null && forgottenUpTo.compareTo(start) > 0) {
            start = forgottenUpTo;
        }
        if (start.compareTo(committed) >= 0) {
            return committed;
        }
        lookingBack = true;
        passStartedAt = nanoTime.getAsLong();
        return start;
    }

    /**
     * A search sent at {@code sentAt} (from the clock given) returned items not delivered before: the window is
     * unsettled again until a later look-back has walked it.
     */
    public void newItemsRead(long sentAt) {
        lastNewsReadAt = newsRead ? Math.max(lastNewsReadAt, sentAt) : sentAt;
        newsRead = true;
        settled = false;
    }

    /**
     * The poll walked every page to the end (no failure, no maxMessagesPerPoll cut): if it looked back late enough
     * after the last news, nothing late can still appear in the window.
     */
    public void pollWalkedToEnd() {
        if (lookingBack && (!newsRead || passStartedAt - lastNewsReadAt >= overlap.toNanos() + STAMP_PRECISION_NANOS)) {
            settled = true;
        }
        lookingBack = false;
    }

    /** Whether polls start at the watermark, the window having been looked back at late enough. */
    public boolean isSettled() {
        return settled;
    }

    public boolean alreadyDelivered(String id, String value) {
        return value.equals(valueById.get(id));
    }

    public void delivered(String id, String value) {
        String before = valueById.put(id, value);
        if (before != null && !before.equals(value)) {
            positions.remove(new Watermark(before, id));
        }
        positions.add(new Watermark(value, id));
        while (positions.size() > capacity) {
            Watermark oldest = positions.pollFirst();
            forget(oldest);
            if (forgottenUpTo == null || oldest.compareTo(forgottenUpTo) > 0) {
                forgottenUpTo = oldest;
            }
        }
    }

    /** Forgets deliveries too far behind the watermark to be seen again. */
    public void prune(Watermark committed) {
        String horizon = minus(committed.value(), overlap);
        if (horizon == null) {
            valueById.clear();
            positions.clear();
            return;
        }
        Iterator<Watermark> old = positions.headSet(new Watermark(horizon, null)).iterator();
        while (old.hasNext()) {
            forget(old.next());
            old.remove();
        }
    }

    private void forget(Watermark position) {
        valueById.remove(position.id(), position.value());
    }

    public int size() {
        return positions.size();
    }

    /** The Commerce date-time minus the duration, or null when the value is not such a date-time. */
    static String minus(String value, Duration d) {
        try {
            return LocalDateTime.parse(value, COMMERCE).minus(d).format(COMMERCE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
