package io.camelaccs.test;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of the simulated I/O Events journal.
 *
 * @param position   the opaque position, as {@code since} takes it; positions do not sort in journal order
 * @param event      a copy of the CloudEvent
 * @param appendedAt when it was appended (simulator clock): retention by time counts from here
 * @param duplicate  whether this entry repeats an event already in the journal (same {@code id} and
 *                   {@code event_id}, new position), as I/O Events' at-least-once delivery may
 */
public record JournalEntry(String position, ObjectNode event, Instant appendedAt, boolean duplicate) {

    /** The CloudEvent's {@code id}. */
    public String eventId() {
        return event.path("id").asText();
    }

    /** The CloudEvent's {@code type}. */
    public String type() {
        return event.path("type").asText();
    }

    @Override
    public String toString() {
        return "JournalEntry[" + position + ", " + type() + ", " + eventId() + (duplicate ? ", duplicate" : "") + "]";
    }
}
