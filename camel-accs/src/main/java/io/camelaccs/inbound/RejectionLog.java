package io.camelaccs.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;

/**
 * Logs the webhook requests refused (unsigned, forged, for another client, replayed, too large) without letting their
 * senders write the log: at most one WARN per {@link #INTERVAL}, which counts those refused since the one before, and
 * whatever the sender chose (a delivery id, a header) passed through {@link #quote(String)} first.
 */
public final class RejectionLog {

    public static final Duration INTERVAL = Duration.ofMinutes(1);
    /** The most characters of a sender's value shown. */
    public static final int MAX_SHOWN = 64;

    private final Logger log;
    private final Clock clock;
    private final String path;
    private Instant lastLogged;
    private long notLogged;

    public RejectionLog(Logger log, Clock clock, String path) {
        this.log = log;
        this.clock = clock;
        this.path = path;
    }

    /** One refused request; {@code what} must hold sender values only through {@link #quote(String)}. */
    public synchronized void refused(String what) {
        Instant now = clock.instant();
        if (lastLogged != null && now.isBefore(lastLogged.plus(INTERVAL))) {
            notLogged++;
            return;
        }
        if (notLogged > 0) {
            log.warn("{} at {} ({} more requests refused since {}, not logged one by one)", what, path, notLogged,
                    lastLogged);
        } else {
            log.warn("{} at {}", what, path);
        }
        lastLogged = now;
        notLogged = 0;
    }

    /**
     * A value a sender chose, made safe to log and to show: control and line-breaking characters (CR, LF, NEL, the
     * Unicode line and paragraph separators, ...) replaced by {@code ?}, cut to {@link #MAX_SHOWN} characters, and
     * quoted, so that it can neither forge a log line nor flood one.
     */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 8).append('\'');
        int shown = 0;
        for (int i = 0; i < value.length() && shown < MAX_SHOWN; i++, shown++) {
            char c = value.charAt(i);
            boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\''
                             || Character.getType(c) == Character.FORMAT;
            sb.append(unsafe ? '?' : c);
        }
        sb.append('\'');
        if (value.length() > MAX_SHOWN) {
            sb.append("... (").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }
}
