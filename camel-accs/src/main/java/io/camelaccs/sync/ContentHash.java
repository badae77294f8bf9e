package io.camelaccs.sync;

import java.util.List;
import java.util.Map;

/**
 * A 64-bit hash of an item as Commerce sent it (the Maps, Lists and scalars Jackson parsed it into), so that the
 * look-back can tell a change that kept its {@code updated_at} (an order placed and invoiced in one second) from the
 * same change read again. Computed over the parsed tree rather than a re-serialization: every item of every page is
 * hashed, and walking the tree costs a fraction of writing it out again.
 * <p>
 * Murmur3's 64-bit mixing over a stream of tagged tokens (a type tag, then a value's text four characters to a step,
 * or the number), finished with its avalanche step; it costs a third to a half of Jackson's parse of the item. Not
 * cryptographic: Commerce does not choose its content to collide, and a collision could only hide a change that kept
 * the item's updated_at, with a chance of 2^-64. Map entries are hashed in the order Jackson read them (Commerce
 * writes its fields in a fixed order).
 */
final class ContentHash {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long SEED = 0x2545F4914F6CDD1DL;

    private static final int NULL = 1;
    private static final int MAP = 2;
    private static final int LIST = 3;
    private static final int TEXT = 4;
    private static final int TRUE = 5;
    private static final int FALSE = 6;
    private static final int INTEGER = 7;
    private static final int DECIMAL = 8;
    private static final int OTHER = 9;

    private long h = SEED;

    private ContentHash() {
    }

    /** The hash of an item: a Map, List, String, Number, Boolean or null, nested as Jackson parses JSON. */
    static long of(Object item) {
        ContentHash hash = new ContentHash();
        hash.value(item);
        return fmix(hash.h);
    }

    /** The hash of a text alone (an id). */
    static long ofText(String text) {
        ContentHash hash = new ContentHash();
        hash.text(text);
        return fmix(hash.h);
    }

    private void value(Object v) {
        // the commonest first: most of an item are texts and numbers
        if (v instanceof String s) {
            step(TEXT);
            text(s);
        } else if (v instanceof Integer || v instanceof Long) {
            step(INTEGER);
            step(((Number) v).longValue());
        } else if (v instanceof Map<?, ?> map) {
            step(MAP);
            step(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                // a field name by its String hash: Jackson reads names into canonical strings, whose hash is computed
                // once, and an item keeps its field names from one read to the next; its values are hashed in full
                step(e.getKey().hashCode());
                value(e.getValue());
            }
        } else if (v instanceof List<?> list) {
            step(LIST);
            step(list.size());
            for (Object element : list) {
                value(element);
            }
        } else if (v == null) {
            step(NULL);
        } else if (v instanceof Boolean b) {
            step(b ? TRUE : FALSE);
        } else if (v instanceof Double || v instanceof Float) {
            step(DECIMAL);
            step(Double.doubleToLongBits(((Number) v).doubleValue()));
        } else if (v instanceof Short || v instanceof Byte) {
            step(INTEGER);
            step(((Number) v).longValue());
        } else {
            // BigDecimal, BigInteger: their text is their value
            step(OTHER);
            text(v.toString());
        }
    }

    private void text(String s) {
        int n = s.length();
        step(n);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            step((long) s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                 | (long) s.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            tail |= (long) s.charAt(i) << shift;
        }
        step(tail);
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
