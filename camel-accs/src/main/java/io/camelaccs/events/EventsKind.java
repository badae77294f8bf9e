package io.camelaccs.events;

import java.util.Locale;

/** The two ways events arrive: pulled from the journal, or pushed to a webhook. */
enum EventsKind {
    JOURNAL, WEBHOOK;

    static EventsKind parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid accs-events kind '" + value + "': expected journal (as in"
                                               + " accs-events:journal?journalUrl=...) or webhook (as in"
                                               + " accs-events:webhook:/path)");
        }
    }
}
