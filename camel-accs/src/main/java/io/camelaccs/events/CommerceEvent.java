package io.camelaccs.events;

import java.util.Map;

/**
 * One CloudEvent as Adobe I/O Events delivers it, with the fields the consumers act on.
 *
 * @param id        I/O Events' {@code event_id} (the same on every redelivery), else the CloudEvent {@code id}
 * @param type      the event type
 * @param time      the CloudEvent {@code time}, or null
 * @param recipient the {@code recipient_client_id}, or null
 * @param body      the whole event, as parsed
 */
record CommerceEvent(String id, String type, String time, String recipient, Map<String, Object> body) {

    /** Reads an event parsed from JSON; {@code what} names it in errors (a journal position, a delivery id). */
    @SuppressWarnings("unchecked")
    static CommerceEvent of(Object parsed, String what) {
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Event " + what + " is not a JSON object");
        }
        Map<String, Object> event = (Map<String, Object>) map;
        String id = text(event.get("event_id"));
        if (id == null) {
            id = text(event.get("id"));
        }
        return new CommerceEvent(id, text(event.get("type")), text(event.get("time")),
                text(event.get("recipient_client_id")), event);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
