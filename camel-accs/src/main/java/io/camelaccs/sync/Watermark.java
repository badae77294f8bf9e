package io.camelaccs.sync;

import java.util.Objects;

/**
 * A position in an incremental sync: the incremental field's value (typically {@code updated_at}) and the entity id
 * of the last item delivered. Items are ordered by the pair, so many items sharing one timestamp keep distinct
 * positions. Stored as {@code value|id}, with a backslash before each {@code |} or backslash inside either part, so an
 * id such as {@code MB|01} (a SKU as idField) reads back as it was written; a stored text without backslashes reads
 * as it always did.
 *
 * @param value the incremental field's value
 * @param id    the entity id, or null for "every item at this value" (the start of a sync or of an overlap)
 */
public record Watermark(String value, String id) implements Comparable<Watermark> {

    public Watermark {
        Objects.requireNonNull(value, "value");
    }

    /** Reads {@code value|id} or a bare {@code value}, as {@link #format()} writes them. */
    public static Watermark parse(String text) {
        StringBuilder part = new StringBuilder(text.length());
        String value = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(text.charAt(++i));
            } else if (c == '|' && value == null) {
                value = part.toString();
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (value == null) {
            return new Watermark(part.toString(), null);
        }
        return new Watermark(value, part.length() == 0 ? null : part.toString());
    }

    public String format() {
        return id == null ? escape(value) : escape(value) + "|" + escape(id);
    }

    private static String escape(String part) {
        if (part.indexOf('|') < 0 && part.indexOf('\\') < 0) {
            return part;
        }
        StringBuilder sb = new StringBuilder(part.length() + 4);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '|' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
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
