package io.camelaccs.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash of an item as Commerce sent it (the bytes of its JSON object in the search response), so that the
 * look-back can tell a change that kept its {@code updated_at} (an order placed and invoiced in one second) from the
 * same change read again. The bytes rather than the parsed item: every item of every page is hashed, and eight bytes
 * a step cost a few percent of Jackson's parse of them, where walking the parsed Maps cost a third of it. Commerce
 * writes an item the same way each time it is unchanged (its fields in a fixed order); should it not, the item is
 * delivered again: a duplicate, never a loss.
 * <p>
 * Murmur3's 64-bit mixing, finished with its avalanche step. Not cryptographic: Commerce does not choose its content
 * to collide, and a collision could only hide a change that kept the item's updated_at, with a chance of 2^-64.
 */
final class ContentHash {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long SEED = 0x2545F4914F6CDD1DL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long h = SEED;

    private ContentHash() {
    }

    /** The hash of {@code json[from..to)}: one item's bytes in a response. */
    static long ofBytes(byte[] json, int from, int to) {
        ContentHash hash = new ContentHash();
        hash.step(to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            hash.step((long) LONGS.get(json, i));
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (json[i] & 0xFFL) << shift;
        }
        hash.step(tail);
        return fmix(hash.h);
    }

    /** The hash of a text alone (an id). */
    static long ofText(String text) {
        ContentHash hash = new ContentHash();
        int n = text.length();
        hash.step(n);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            hash.step((long) text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                      | (long) text.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            tail |= (long) text.charAt(i) << shift;
        }
        hash.step(tail);
        return fmix(hash.h);
    }

    private void step(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        k *= C2;
        h ^= k;
        h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
