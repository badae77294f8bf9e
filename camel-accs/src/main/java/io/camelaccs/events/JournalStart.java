package io.camelaccs.events;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where a journal is read from when no position is stored: the oldest event kept, the end, or a time back from now
 * (sent as the journal's {@code seek}).
 */
record JournalStart(String query) {

    static final JournalStart OLDEST = new JournalStart(null);
    static final JournalStart LATEST = new JournalStart("latest=true");

    /** Parses option since, naming it and what it accepts when the value is not understood. */
    static JournalStart parse(String since) {
        String value = since == null ? "oldest" : since.trim();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "", "oldest":
                return OLDEST;
            case "latest":
                return LATEST;
            default:
                break;
        }
        try {
            Duration back = Duration.parse(value);
            if (back.isNegative()) {
                return new JournalStart("seek=" + value.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            // reported below with what is accepted
        }
        throw new IllegalArgumentException("Invalid value for option since: '" + since + "'. Expected oldest, latest or"
                                           + " a negative ISO-8601 duration such as -PT2H or -P1D");
    }
}
