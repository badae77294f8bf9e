package io.camelaccs.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A response read whole: status, headers (names lower-cased, first value kept; repeated Link headers joined with
 * commas) and body bytes.
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

    /** A response header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String bodyAsString() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** Adobe's request id for support: {@code x-debug-id}, else {@code x-request-id}. */
    public String debugId() {
        String id = header("x-debug-id");
        return id != null ? id : header("x-request-id");
    }
}
