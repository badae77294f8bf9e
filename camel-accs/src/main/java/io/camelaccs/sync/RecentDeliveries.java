package io.camelaccs.sync;

import java.util.Arrays;

/**
 * The item versions this consumer delivered lately, so that a look-back pass re-reading a window before the watermark
 * delivers only what it does not recognise: a late commit, or a change that kept its {@code updated_at} (an order
 * placed and invoiced in one second) and so differs only in its content.
 * <p>
 * For each item id, the last version delivered: its stamp and content hash ({@link ItemVersion}). Kept compact,
 * because a bulk import stamps tens of thousands of items in one second and a pass must recognise them all: four
 * longs per item in an open-addressing table (64 to 128 bytes an item with the table's slack, about 8 MB for the
 * default capacity at its fullest), ids by their 64-bit hash. Two ids sharing a hash can only make an item look unknown (its slot holds the other's version), which
 * delivers it again: a duplicate, never a loss.
 * <p>
 * Bounded: at most {@code capacity} items. When more are delivered before a pass lets them go, the oldest stamps are
 * forgotten (a quarter at a time, so that forgetting stays rare; among one stamp, the lowest ids); a pass delivers again the items it can no longer
 * recognise rather than skipping any. The memory is not persisted: after a start the first pass delivers its whole
 * window again. Used by the consumer's polling thread only.
 */
public final class RecentDeliveries {

    /** The most items remembered by default: a bulk import of 100 000 items in one window is recognised whole. */
    public static final int DEFAULT_CAPACITY = 100_000;
    private static final int FIRST_TABLE = 64;

    private final int capacity;
    /** Id hashes; 0 marks a free slot (an id hashing to 0 is kept as 1). */
    private long[] keys = new long[FIRST_TABLE];
    private long[] stamps = new long[FIRST_TABLE];
    private long[] prints = new long[FIRST_TABLE];
    /** Each item's place in the sort order among items of one stamp: the lowest are forgotten first. */
    private long[] orders = new long[FIRST_TABLE];
    private int size;
    private long forgotten;
    /** No item remembered is stamped before this (exact after a rebuild, a lower bound between). */
    private long oldestStamp = Long.MAX_VALUE;

    public RecentDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Whether this version of the item is the one last delivered. */
    public boolean isKnown(ItemVersion version) {
        int slot = slotOf(key(version.idKey()));
        return keys[slot] != 0 && stamps[slot] == version.stamp() && prints[slot] == version.fingerprint();
    }

    /** The item was delivered in this version: it replaces the one remembered before. */
    public void remember(ItemVersion version) {
        long key = key(version.idKey());
        int slot = slotOf(key);
        if (keys[slot] == 0) {
            if (size >= capacity) {
                forgetOldest(size - capacity * 3 / 4);
                slot = slotOf(key);
            }
            keys[slot] = key;
            size++;
        }
        stamps[slot] = version.stamp();
        oldestStamp = Math.min(oldestStamp, version.stamp());
        prints[slot] = version.fingerprint();
        orders[slot] = version.order();
        if (size * 2 > keys.length) {
            rebuild(keys.length * 2, Long.MIN_VALUE, Long.MIN_VALUE);
        }
    }

    /** Forgets the items stamped before the given epoch second: no pass will read them again. */
    public void forgetBefore(long stamp) {
        if (stamp <= oldestStamp) {
            return;
        }
        int before = size;
        int kept = 0;
        long oldestKept = Long.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && stamps[i] >= stamp) {
                kept++;
                oldestKept = Math.min(oldestKept, stamps[i]);
            }
        }
        if (kept < before) {
            rebuild(tableFor(kept), stamp, Long.MIN_VALUE);
        } else {
            // nothing to forget: the exact oldest stamp spares the next pages this scan
            oldestStamp = oldestKept;
        }
    }

    /** How many items are remembered. */
    public int size() {
        return size;
    }

    /** Whether the memory is close to its capacity (three quarters): time to forget what no pass is likely to read. */
    public boolean isNearlyFull() {
        return size >= capacity * 3 / 4;
    }

    /** How many items were forgotten for capacity, before a pass could let them go: a pass delivers them again. */
    public long forgottenForCapacity() {
        return forgotten;
    }

    /**
     * Forgets the {@code count} items at the lowest positions (stamp, then id order). A pass reads its window in that
     * order: when it delivers again what was forgotten and must make room, the lowest positions are those it has
     * passed, so it does not push out the items it has still to read (and deliver those again in turn).
     */
    private void forgetOldest(int count) {
        long[] live = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                live[n++] = stamps[i];
            }
        }
        Arrays.sort(live);
        long cutoff = live[count - 1];
        int below = 0;
        while (below < count && live[below] < cutoff) {
            below++;
        }
        // every stamp below the cutoff goes, and at the cutoff the lowest ids, as many as make up the count
        long[] atCutoff = new long[n];
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && stamps[i] == cutoff) {
                atCutoff[m++] = orders[i];
            }
        }
        Arrays.sort(atCutoff, 0, m);
        long dropThrough = count > below ? atCutoff[count - below - 1] : Long.MIN_VALUE;
        int before = size;
        rebuild(tableFor(size - count), cutoff, dropThrough);
        forgotten += before - size;
    }

    /**
     * Copies the table into one of the given length, dropping the items stamped before {@code keepFrom} and those
     * stamped exactly {@code keepFrom} whose order is at most {@code dropOrdersThrough}.
     */
    private void rebuild(int length, long keepFrom, long dropOrdersThrough) {
        long[] oldKeys = keys;
        long[] oldStamps = stamps;
        long[] oldPrints = prints;
        long[] oldOrders = orders;
        keys = new long[length];
        stamps = new long[length];
        prints = new long[length];
        orders = new long[length];
        size = 0;
        oldestStamp = Long.MAX_VALUE;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == 0 || oldStamps[i] < keepFrom
                || oldStamps[i] == keepFrom && oldOrders[i] <= dropOrdersThrough) {
                continue;
            }
            int slot = slotOf(oldKeys[i]);
            keys[slot] = oldKeys[i];
            stamps[slot] = oldStamps[i];
            prints[slot] = oldPrints[i];
            orders[slot] = oldOrders[i];
            oldestStamp = Math.min(oldestStamp, oldStamps[i]);
            size++;
        }
    }

    private static int tableFor(int items) {
        int length = FIRST_TABLE;
        while (length < items * 2 + 2) {
            length *= 2;
        }
        return length;
    }

    /** The slot holding the key, or the free slot where it would go (linear probing; the table is never full). */
    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long key(long idKey) {
        return idKey == 0 ? 1 : idKey;
    }
}
