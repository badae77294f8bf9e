package io.camelaccs.test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Commerce's timestamp format: {@code yyyy-MM-dd HH:mm:ss} in UTC, second resolution. */
final class SimulatorTime {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SimulatorTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Same as {@link #format}, without a formatter: seeding formats tens of thousands of these at start. */
    static String formatEpochSecond(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] c = new char[19];
        int year = t.getYear();
        c[0] = (char) ('0' + year / 1000 % 10);
        c[1] = (char) ('0' + year / 100 % 10);
        c[2] = (char) ('0' + year / 10 % 10);
        c[3] = (char) ('0' + year % 10);
        c[4] = '-';
        two(c, 5, t.getMonthValue());
        c[7] = '-';
        two(c, 8, t.getDayOfMonth());
        c[10] = ' ';
        two(c, 11, t.getHour());
        c[13] = ':';
        two(c, 14, t.getMinute());
        c[16] = ':';
        two(c, 17, t.getSecond());
        return new String(c);
    }

    private static void two(char[] c, int at, int value) {
        c[at] = (char) ('0' + value / 10);
        c[at + 1] = (char) ('0' + value % 10);
    }
}
