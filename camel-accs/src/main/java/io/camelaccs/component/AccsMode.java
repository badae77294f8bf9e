package io.camelaccs.component;

import java.util.Locale;

/**
 * How an operation is called: directly, queued (async), or as many operations in one request (bulk).
 */
enum AccsMode {
    SYNC,
    ASYNC,
    BULK;

    static AccsMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Option mode must be sync, async or bulk, but was: " + text);
        }
    }
}
