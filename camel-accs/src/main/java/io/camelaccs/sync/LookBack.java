package io.camelaccs.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When the sync looks back before its watermark, and from where: polls start at the watermark (an idle poll is one
 * search, however many items share its second), and a look-back <em>pass</em> re-reads a window before it once the
 * window can be settled, delivering what it does not recognise ({@link RecentDeliveries}).
 * <p>
 * <b>Why look back.</b> Commerce stamps {@code updated_at} when it saves an item, with one-second precision, and the
 * save becomes visible when its transaction commits, up to {@code overlap} later (what the option promises to cover).
 * An item stamped at or before the watermark's value but visible only after the sync passed that position (a lower id
 * in the watermark's second, a long import transaction) is never seen by a poll that starts at the watermark; nor is an
 * order placed and invoiced in one second, whose position does not move.
 * <p>
 * <b>When a pass settles.</b> Every item a search returns was stamped before its answer arrived. So an item stamped
 * in a second not later than the newest one an answer returned was stamped less than one second after that answer
 * arrived, and is visible {@code overlap} later. A pass that starts {@code overlap + 1 s} after an answer therefore
 * sees every item stamped at or before the newest value that answer returned: those values are <em>settled</em>
 * ({@link #settledThrough}). One pass runs once that long has passed since the last answer that brought news (when
 * the answer <em>arrived</em>: a search retried after a 429 pause may return items stamped during the pause), so a
 * burst costs one pass, not one per poll. Under continuous traffic, when news keeps arriving, a pass runs once the
 * oldest news no pass has read is twice that old: late commits wait a bounded time, and a burst shorter than the
 * settling time still costs a single pass. Only elapsed time on the component's clock is measured, never compared
 * with Commerce's clock; Commerce's clock is assumed to run at the same rate.
 * <p>
 * <b>Why the window covers every late commit.</b> An item L missed by the polls became visible at some time V after
 * the previous pass began (at P'; earlier ones were that pass's to find, and so on back to the start). L was stamped
 * at most {@code overlap} before V, so its value is later than any value settled by answers that arrived
 * {@code overlap + 1 s} before V, hence later than {@link #settledThrough} as it stood after P' (a). And Commerce's
 * clock at V was past every value read before P', so L's value is at least the newest value read before P' minus
 * {@code overlap + 1 s} (b); likewise at least the newest value read now minus the time since P' minus
 * {@code overlap + 1 s} (c), which is what keeps the window short while a first sync races through old timestamps.
 * A pass starts at the latest of (a), (b) and (c): nothing L can be is before it, and everything visible when the pass
 * began is read by it. A pass cut short (a failed delivery, maxMessagesPerPoll, a failed search) resumes where it
 * stopped at the next poll and settles only when it has walked to the end.
 * <p>
 * <b>After a start</b> (a restart, a {@code master:} failover) nothing is known of the passes of the consumer that
 * stored the watermark: the first poll is a pass over {@code overlap + 1 s} before the stored watermark, and the
 * stored watermark counts as news that arrived at the start, so a second pass follows once it can settle. The memory
 * is empty then, so the first pass delivers its window again: duplicates bounded by the window, never a gap.
 * <p>
 * Used by the consumer's polling thread only.
 */
public final class LookBack {

    /** Commerce's timestamps have one-second precision: a save may be stamped up to a second after the newest read. */
    private static final long PRECISION_MILLIS = 1_000;

    private final long overlapMillis;
    private final long settleMillis;
    /** {@code overlap + 1 s} in whole seconds, rounded up: the stamp arithmetic errs on the early side. */
    private final long settleSeconds;
    private final Clock clock;
    /** Answers that brought news not settled yet, oldest first (answers within a second of each other merged). */
    private final Deque<News> news = new ArrayDeque<>();
    /** Every item stamped at or before this epoch second is settled: no pass needs to read it again. */
    private long settledThrough = CommerceTime.NONE;
    /** When the last completed pass began (the start counts as one), by the component's clock in milliseconds. */
    private long lastPassAt;
    /** The newest value read when that pass began. */
    private long headAtLastPass = CommerceTime.NONE;
    /** The newest value ever read: never later than Commerce's clock when it was read. */
    private long newestRead = CommerceTime.NONE;
    /** When the last pass (completed or not) began: news after it has not been read by a pass. */
    private long lastPassBegun;
    private boolean passDueAtStart;
    private Pass pass;

    private record News(long firstArrived, long lastArrived, long newestStamp) {
    }

    private static final class Pass {
        final long startedAt;
        final long head;
        /** Where the pass continues: the window's start, then the end of its last page handled in full. */
        Watermark cursor;

        Pass(long startedAt, long head, Watermark cursor) {
            this.startedAt = startedAt;
            this.head = head;
            this.cursor = cursor;
        }
    }

    /**
     * @param overlap the longest delay between a save's stamp and its commit; zero or negative turns the look-back off
     * @param clock   the component's clock
     */
    public LookBack(Duration overlap, Clock clock) {
        this.overlapMillis = Math.max(0, overlap.toMillis());
        this.settleMillis = overlapMillis + PRECISION_MILLIS;
        this.settleSeconds = (settleMillis + 999) / 1000;
        this.clock = clock;
    }

    /** Whether the look-back is on: an overlap greater than zero. */
    public boolean isEnabled() {
        return overlapMillis > 0;
    }

    /**
     * The consumer started at this position: read from the state repository (a restart, a failover: look back at
     * once, and again once that can settle) or, for a new sync, where it begins (nothing to look back at yet).
     */
    public void started(Watermark position, boolean stored) {
        long now = clock.millis();
        long stamp = CommerceTime.epochSecond(position.value());
        lastPassAt = now;
        lastPassBegun = now;
        headAtLastPass = stamp;
        newestRead = stamp;
        if (stored && stamp != CommerceTime.NONE && isEnabled()) {
            passDueAtStart = true;
            news.add(new News(now, now, stamp));
        }
    }

    /**
     * Where this poll starts: where the pass under way continues, the start of a pass that is due now, or the
     * watermark itself.
     */
    public Watermark startOf(Watermark committed) {
        if (!isEnabled() || newestRead == CommerceTime.NONE) {
            return committed;
        }
        if (pass == null) {
            long now = clock.millis();
            if (!isDue(now)) {
                return committed;
            }
            pass = new Pass(now, newestRead, new Watermark(CommerceTime.format(windowStart(now)), null));
            lastPassBegun = now;
            passDueAtStart = false;
        }
        return pass.cursor.compareTo(committed) < 0 ? pass.cursor : committed;
    }

    /** Whether a pass is under way: this poll reads a window before the watermark. */
    public boolean isPassing() {
        return pass != null;
    }

    private boolean isDue(long now) {
        if (passDueAtStart) {
            return true;
        }
        if (news.isEmpty()) {
            return false;
        }
        if (now - news.peekLast().lastArrived() >= settleMillis) {
            // quiet since the last news: this pass settles everything
            return true;
        }
        for (News n : news) {
            if (n.firstArrived() > lastPassBegun) {
                // news keeps coming: the oldest no pass has read waits a bounded time
                return now - n.firstArrived() >= 2 * settleMillis;
            }
        }
        return false;
    }

    /** The window's first epoch second: the latest of the bounds (a), (b), (c) in the class comment. */
    private long windowStart(long now) {
        long sincePass = (now - lastPassAt + 999) / 1000;
        long from = newestRead - sincePass - settleSeconds;
        if (headAtLastPass != CommerceTime.NONE) {
            from = Math.max(from, headAtLastPass - settleSeconds);
        }
        if (settledThrough != CommerceTime.NONE) {
            from = Math.max(from, settledThrough + 1);
        }
        return from;
    }

    /**
     * A search answered at {@code arrived} (when the answer came, after any retry), its newest item at
     * {@code newest}; {@code news} when it held an item not delivered before.
     */
    public void answered(Instant arrived, Watermark newest, boolean brought) {
        long stamp = CommerceTime.epochSecond(newest.value());
        if (stamp == CommerceTime.NONE) {
            return;
        }
        newestRead = Math.max(newestRead, stamp);
        if (!brought || !isEnabled()) {
            return;
        }
        long at = arrived.toEpochMilli();
        News last = news.peekLast();
        if (last != null && last.firstArrived() > lastPassBegun && at - last.firstArrived() < PRECISION_MILLIS) {
            news.pollLast();
            news.add(new News(last.firstArrived(), Math.max(at, last.lastArrived()), Math.max(stamp, last.newestStamp())));
        } else {
            news.add(new News(at, at, stamp));
        }
    }

    /** The poll handled every item up to this position (delivered, or recognised): a cut-short pass resumes after it. */
    public void handledThrough(Watermark position) {
        if (pass != null && position.compareTo(pass.cursor) > 0) {
            pass.cursor = position;
        }
    }

    /**
     * The poll walked every page to the end (no failure, no maxMessagesPerPoll cut): the pass under way, if any, is
     * complete, and settles the news that arrived {@code overlap + 1 s} before it began.
     */
    public void walkedToEnd() {
        if (pass == null) {
            return;
        }
        long cutoff = pass.startedAt - settleMillis;
        while (!news.isEmpty() && news.peekFirst().lastArrived() <= cutoff) {
            settledThrough = Math.max(settledThrough, news.pollFirst().newestStamp());
        }
        // later news stamped within what is settled needs no pass of its own
        long settled = settledThrough;
        news.removeIf(n -> n.newestStamp() <= settled);
        lastPassAt = pass.startedAt;
        headAtLastPass = pass.head;
        pass = null;
    }

    /** Whether no pass is due or under way: polls cost one search each until news arrives. */
    public boolean isSettled() {
        return pass == null && !passDueAtStart && news.isEmpty();
    }

    /**
     * Before which epoch second remembered items are unlikely to be read again: the start of a pass beginning now,
     * less twice the settling time (a pass is due within that much of the last news, or of the oldest news no pass
     * has read). Forgetting them early costs at most a duplicate, when a pass comes later than that; it keeps the
     * memory of a long first sync, read in a single poll before any pass, to the last minutes of its changes.
     */
    public long unlikelyToBeReadBefore() {
        if (newestRead == CommerceTime.NONE) {
            return CommerceTime.NONE;
        }
        long likely = windowStart(clock.millis()) - 2 * settleSeconds;
        return Math.max(likely, earliestStart());
    }

    /** The earliest epoch second a later pass can start at: what is stamped before it need not be remembered. */
    public long earliestStart() {
        long from = CommerceTime.NONE;
        if (headAtLastPass != CommerceTime.NONE) {
            from = headAtLastPass - settleSeconds;
        }
        if (settledThrough != CommerceTime.NONE) {
            from = Math.max(from, settledThrough + 1);
        }
        if (pass != null) {
            from = Math.min(from, CommerceTime.epochSecond(pass.cursor.value()));
        }
        return from;
    }
}
