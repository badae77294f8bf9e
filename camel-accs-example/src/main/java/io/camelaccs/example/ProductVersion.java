package io.camelaccs.example;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How new a product's state is, so that events applied in any order leave the newest one: Adobe I/O Events promises
 * neither order nor a single delivery. First the product's {@code updated_at} (Commerce's own version of the
 * entity, to the second); for two changes within one second, the event's {@code time} (to the millisecond). A copy
 * read by the export has no event time: it counts as older than an event of the same {@code updated_at}, since the
 * event that made that state is in the journal as well and will bring it.
 *
 * @param updatedAt the entity's {@code updated_at}, or null when the entity does not carry one
 * @param eventTime the CloudEvent's {@code time}, or null for an exported copy
 */
record ProductVersion(LocalDateTime updatedAt, Instant eventTime) {

    /** Commerce's timestamp format, in UTC. */
    private static final DateTimeFormatter COMMERCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The version of a product read by the export. */
    static ProductVersion exported(JsonNode product) {
        return new ProductVersion(updatedAt(product), null);
    }

    /** The version of the entity an event carries: its {@code data.value}, at the event's {@code time}. */
    static ProductVersion of(Map<String, Object> event, JsonNode entity) {
        Object time = event.get("time");
        Instant at;
        try {
            at = time == null ? null : Instant.parse(time.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("A CloudEvent's time is an RFC 3339 instant such as "
                                               + "2026-03-01T08:00:00.123Z, not '" + time + "'", e);
        }
        return new ProductVersion(updatedAt(entity), at);
    }

    /**
     * Whether a state of this version replaces one of the {@code held} version. Equal versions do not: the same
     * event delivered again, or an export of a state an event already brought.
     */
    boolean isNewerThan(ProductVersion held) {
        if (updatedAt != null && held.updatedAt != null && !updatedAt.equals(held.updatedAt)) {
            return updatedAt.isAfter(held.updatedAt);
        }
        if (eventTime == null) {
            return false;
        }
        return held.eventTime == null || eventTime.isAfter(held.eventTime);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("updated_at", updatedAt == null ? null : COMMERCE.format(updatedAt));
        node.put("event_time", eventTime == null ? null : eventTime.toString());
        return node;
    }

    static ProductVersion fromJson(JsonNode node) {
        String time = node.path("event_time").asText(null);
        return new ProductVersion(updatedAt(node), time == null ? null : Instant.parse(time));
    }

    private static LocalDateTime updatedAt(JsonNode node) {
        String text = node.path("updated_at").asText(null);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, COMMERCE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("A product's updated_at is Commerce's yyyy-MM-dd HH:mm:ss, not '"
                                               + text + "'", e);
        }
    }
}
