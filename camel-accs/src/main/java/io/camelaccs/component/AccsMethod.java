package io.camelaccs.component;

import java.util.Locale;

/**
 * The HTTP methods ACCS REST operations use.
 */
enum AccsMethod {
    GET,
    POST,
    PUT,
    DELETE;

    /** Whether a request body is sent. */
    boolean hasBody() {
        return this == POST || this == PUT;
    }

    static AccsMethod parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown method '" + text + "' in an accs endpoint: use get, post, put or"
                                               + " delete, as in accs:get:/V1/products/{sku}");
        }
    }
}
