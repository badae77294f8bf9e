package io.camelaccs.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter over [delay/2, delay], honouring a server's {@code Retry-After} when it sends
 * one. Jitter keeps many clients that failed together from retrying together.
 * <p>
 * Neither Camel's {@code BackOff} (no jitter, no server-named pause) nor HttpClient 5's retry strategy (its classic
 * exec chain sleeps on the calling thread between attempts) fits: the pause is computed here and waited out by
 * {@link Call} as a scheduled task.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        long base = initial.toMillis();
        if (base <= 0) {
            return Duration.ZERO;
        }
        long ceiling = max.toMillis();
        int shift = Math.min(retry - 1, 20);
        long exp = base << shift;
        boolean overflow = exp < 0 || exp >> shift != base;
        long capped = overflow ? ceiling : Math.min(exp, ceiling);
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /**
     * The pause a {@code Retry-After} value asks for: delta-seconds or an HTTP date. Null when absent or unreadable.
     */
    public static Duration retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException e) {
            // not delta-seconds: try an HTTP date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
