package io.camelaccs.sync;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Commerce's date-times ({@code yyyy-MM-dd HH:mm:ss}, UTC, whole seconds) as epoch seconds: the unit of the look-back's
 * arithmetic. Values of another form (a number, an ISO text) have no look-back.
 */
final class CommerceTime {

    /** Not a Commerce date-time. */
    static final long NONE = Long.MIN_VALUE;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CommerceTime() {
    }

    /** The value's epoch second, or {@link #NONE}; read digit by digit, as it is read for every item of every page. */
    static long epochSecond(String value) {
        if (value.length() != 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != ' '
            || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return NONE;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return NONE;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return NONE;
        }
    }

    static String format(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).format(FORMAT);
    }

    private static int digits(String s, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
