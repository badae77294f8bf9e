package io.camelaccs.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Undoes one URL encoding too many on a URL option. camel-yaml-dsl 4.18's Pipe loader encodes a URL-valued Pipe
 * property before putting it in the Kamelet's URI, and the URI is decoded only once on the way to the component, so
 * {@code https://events-va6.adobe.io/...} arrives as {@code https%3A%2F%2Fevents-va6.adobe.io%2F...}. A URL never
 * starts that way on its own, so such a value is decoded once; any other is kept as it is.
 */
final class EncodedUrl {

    private EncodedUrl() {
    }

    static String decodeOnce(String value) {
        if (value == null) {
            return null;
        }
        if (!value.regionMatches(true, 0, "http%3A", 0, 7) && !value.regionMatches(true, 0, "https%3A", 0, 8)) {
            return value;
        }
        try {
            // percent escapes only: a '+' stays a '+' (URLDecoder alone would make it a space)
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // kept: the check of journalUrl then refuses it with the option's name and an example
            return value;
        }
    }
}
