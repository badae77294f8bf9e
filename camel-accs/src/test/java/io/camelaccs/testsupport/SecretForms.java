package io.camelaccs.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The secrets of a test in every form they travel in, so a search of logs and messages finds a secret however it was
 * written: as is, URL-encoded (form bodies, query strings, paths), Base64 of {@code clientId:secret} (HTTP Basic, both
 * alphabets, with and without padding, raw and with the parts form-encoded as RFC 6749 asks) and JSON-escaped (token
 * responses). Give the secrets characters that every encoding changes ({@code / + = " \} and a non-ASCII letter), or
 * the forms are all the same string and the search proves less than it seems.
 */
public final class SecretForms {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper JSON_ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Form (for the failure message) by searched text. */
    private final Map<String, String> forms = new LinkedHashMap<>();

    /** The forms of each secret; {@code clientId} is what Basic credentials pair the secrets with. */
    public SecretForms(String clientId, Collection<String> secrets) {
        for (String secret : secrets) {
            add(secret, "plain", secret);
            add(secret, "URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8));
            add(secret, "percent-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
            add(secret, "JSON-escaped", json(JSON, secret));
            add(secret, "JSON-escaped ASCII", json(JSON_ASCII, secret));
            add(secret, "JSON-escaped with escaped slashes", json(JSON, secret).replace("/", "\\/"));
            for (String pair : List.of(clientId + ":" + secret, form(clientId) + ":" + form(secret), secret)) {
                byte[] bytes = pair.getBytes(StandardCharsets.UTF_8);
                String std = Base64.getEncoder().encodeToString(bytes);
                String url = Base64.getUrlEncoder().encodeToString(bytes);
                add(secret, "Base64 of " + pair, std);
                add(secret, "Base64 (URL alphabet) of " + pair, url);
                // without padding, and a prefix that survives truncation in a log line
                add(secret, "Base64 without padding of " + pair, std.replace("=", ""));
                add(secret, "Base64 (URL alphabet) without padding of " + pair, url.replace("=", ""));
            }
        }
    }

    /** Fails naming the form and the place if {@code text} holds any form of any secret. */
    public void assertNoneIn(String where, String text) {
        for (Map.Entry<String, String> form : forms.entrySet()) {
            int at = text.indexOf(form.getKey());
            if (at >= 0) {
                fail(where + " holds a secret (" + form.getValue() + "): ..."
                     + text.substring(Math.max(0, at - 300), Math.min(text.length(), at + form.getKey().length() + 100))
                     + "...");
            }
        }
    }

    /**
     * Plain, URL-encoded, JSON-escaped and Basic ({@code clientId:secret} in Base64) forms of one secret: a test
     * asserts they are four different texts, or its secrets would not prove the encoded forms are searched.
     */
    public static List<String> mainForms(String clientId, String secret) {
        return List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), json(JSON, secret),
                Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    private void add(String secret, String form, String text) {
        forms.putIfAbsent(text, form + " of the secret starting " + secret.substring(0, Math.min(6, secret.length())));
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String json(JsonMapper mapper, String s) {
        try {
            String quoted = mapper.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
