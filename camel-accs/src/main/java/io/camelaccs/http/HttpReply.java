package io.camelaccs.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A response read whole: status, headers (names lower-cased, first value kept; repeated Link headers joined with
 * commas) and body bytes.
 *
 * @param tokenRuledOut a 401 that a token fetched moments before was refused with too, so the token is not its cause
 * @param advice        for a refusal: what the request's authentication says the user should check, or null
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body, boolean tokenRuledOut, String advice) {

    public HttpReply(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, false, null);
    }

    public HttpReply(int status, Map<String, String> headers, byte[] body, boolean tokenRuledOut) {
        this(status, headers, body, tokenRuledOut, null);
    }

    /** This response, marked as a 401 that a fresh token did not cure. */
    public HttpReply withTokenRuledOut() {
        return new HttpReply(status, headers, body, true, advice);
    }

    /** This response with what its authentication advises about it (a refusal); null leaves it unchanged. */
    public HttpReply withAdvice(String text) {
        return text == null ? this : new HttpReply(status, headers, body, tokenRuledOut, text);
    }

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
