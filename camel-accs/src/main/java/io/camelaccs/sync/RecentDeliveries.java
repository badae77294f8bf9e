package io.camelaccs.sync;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * What this consumer delivered lately, so that it can look back a little before its watermark without delivering the
 * same change twice.
 * <p>
 * Why look back: Commerce stamps {@code updated_at} when an item is saved, with one-second precision, and the
 * transaction may become visible later. An item saved in the same second as the watermark but with a lower id, or
 * committed after the sync passed its timestamp, would sort before the watermark and be skipped for good. Each poll
 * therefore starts {@code overlap} before the watermark and skips the (id, value) pairs it has already delivered.
 * The memory is not persisted: after a restart the sync resumes exactly at the stored watermark.
 */
public final class RecentDeliveries {

    private static final DateTimeFormatter COMMERCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Duration overlap;
    private final Map<String, String> valueById = new HashMap<>();

    public RecentDeliveries(Duration overlap) {
        this.overlap = overlap;
    }

    /** Where a poll starts: {@code overlap} before the watermark when there is anything to compare with. */
    public Watermark startOf(Watermark committed) {
        if (valueById.isEmpty() || overlap.isZero() || overlap.isNegative()) {
            return committed;
        }
        String earlier = minus(committed.value(), overlap);
        return earlier == null ? committed : new Watermark(earlier, null);
    }

    public boolean alreadyDelivered(String id, String value) {
        return value.equals(valueById.get(id));
    }

    public void delivered(String id, String value) {
        valueById.put(id, value);
    }

    /** Forgets deliveries too far behind the watermark to be seen again. */
    public void prune(Watermark committed) {
        String horizon = minus(committed.value(), overlap);
        if (horizon == null) {
            valueById.clear();
            return;
        }
        valueById.values().removeIf(v -> Watermark.compareValues(v, horizon) < 0);
    }

    public int size() {
        return valueById.size();
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
