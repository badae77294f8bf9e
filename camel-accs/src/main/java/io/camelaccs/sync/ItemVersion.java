package io.camelaccs.sync;

/**
 * One version of one item as the sync read it: which item (a 64-bit hash of its id), when Commerce stamped it (its
 * incremental value, in epoch seconds) and what it held (a 64-bit hash of its content). The look-back remembers the
 * versions it delivered, and delivers again only a version it does not recognise.
 *
 * @param idKey       the hash of the item's id
 * @param order       the id's place in the sort order: the number of a numeric id, else its first four characters
 *                    (only which items to forget first depends on it)
 * @param stamp       the item's incremental value, in epoch seconds
 * @param fingerprint the hash of the item's bytes as Commerce sent them
 */
public record ItemVersion(long idKey, long order, long stamp, long fingerprint) {

    /**
     * The version of an item at a position, or null when its value is not a Commerce date-time (such values have no
     * look-back, so there is nothing to remember).
     *
     * @param fingerprint the hash of the item's bytes, {@link #fingerprint}
     */
    public static ItemVersion of(Watermark position, long fingerprint) {
        long stamp = CommerceTime.epochSecond(position.value());
        if (stamp == CommerceTime.NONE) {
            return null;
        }
        String id = position.id();
        return new ItemVersion(ContentHash.ofText(id), orderOf(id), stamp, fingerprint);
    }

    /** The fingerprint of an item: a 64-bit hash of {@code json[from..to)}, its JSON object as Commerce sent it. */
    public static long fingerprint(byte[] json, int from, int to) {
        return ContentHash.ofBytes(json, from, to);
    }

    private static long orderOf(String id) {
        if (!id.isEmpty() && id.length() <= 18 && isDigits(id)) {
            return Long.parseLong(id);
        }
        long packed = 0;
        for (int i = 0; i < 4; i++) {
            packed = packed << 16 | (i < id.length() ? id.charAt(i) : 0);
        }
        // after the numbers, in text order (the top bit cleared keeps it positive)
        return packed >>> 1 | 1L << 62;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
