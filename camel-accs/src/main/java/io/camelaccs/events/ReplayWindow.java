package io.camelaccs.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.camelaccs.inbound.RejectionLog;

/**
 * What a signed webhook event must carry to be routed. A signature stays valid for ever, so a captured delivery can be
 * sent again days later: the event's id (from the signed body only; the {@code x-adobe-event-id} header is not signed)
 * lets a copy be dropped as a duplicate, and its {@code time} must be within the replay window, beyond which Adobe
 * itself no longer retries (24 hours).
 */
final class ReplayWindow {

    private final Duration window;
    private final Clock clock;

    ReplayWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** Why the event must be refused, or null when it may be routed. Names only signed content, quoted. */
    String refusal(CommerceEvent event) {
        if (event.id() == null || event.id().isBlank()) {
            return "An event of type " + RejectionLog.quote(event.type()) + " has no event_id or id: without one a"
                   + " replay cannot be told from a new event, so it is refused";
        }
        if (event.time() == null) {
            return "Event " + RejectionLog.quote(event.id()) + " has no time: its age cannot be checked against"
                   + " replayWindow, so it is refused";
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(event.time()).toInstant();
        } catch (DateTimeParseException e) {
            return "Event " + RejectionLog.quote(event.id()) + " has a time that is not an RFC 3339 timestamp: refused";
        }
        Duration age = Duration.between(time, clock.instant());
        if (age.compareTo(window) > 0) {
            return "Event " + RejectionLog.quote(event.id()) + " of " + time + " is older than replayWindow (" + window
                   + "): refused as a replay; Adobe retries a delivery for 24 hours only";
        }
        return null;
    }
}
