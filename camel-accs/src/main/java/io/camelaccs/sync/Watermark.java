package io.camelaccs.sync;

import java.util.Objects;

/**
 * A position in an incremental sync: the incremental field's value (typically {@code updated_at}) and the entity id
 * of the last item delivered. Items are ordered by the pair, so many items sharing one timestamp keep distinct
 * positions. Stored as {@code value|id}.
 *
 * @param value the incremental field's value
 * @param id    the entity id, or null for "every item at this value" (the start of a sync or of an overlap)
 */
public record Watermark(String value, String id) implements Comparable<Watermark> {

    public Watermark {
        Objects.requireNonNull(value, "value");
    }

    /** Reads {@code value|id} or a bare {@code value}. */
    public static Watermark parse(String text) {
        int bar = text.lastIndexOf('|');
        if (bar < 0) {
            return new Watermark(text, null);
        }
        String id = text.substring(bar + 1);
        return new Watermark(text.substring(0, bar), id.isEmpty() ? null : id);
    }

    public String format() {
        return id == null ? value : value + "|" + id;
    }

    @Override
    public int compareTo(Watermark o) {
        int c = compareValues(value, o.value);
        if (c != 0) {
            return c;
        }
        if (id == null || o.id == null) {
            return id == null ? (o.id == null ? 0 : -1) : 1;
        }
        return compareValues(id, o.id);
    }

    /** Numbers compare as numbers (as Commerce compares entity ids), anything else as text. */
    static int compareValues(String a, String b) {
        if (isInteger(a) && isInteger(b)) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return format();
    }
}
