package io.camelaccs.rest;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the human message out of a Commerce error body ({@code {"message": "...", "parameters": ...}}), filling its
 * placeholders: {@code %1}, {@code %2} from a {@code parameters} array (1-based), {@code %name} from a
 * {@code parameters} object.
 */
public final class ErrorMessage {

    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\w+)");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMessage() {
    }

    /** The rendered message of a raw error body, or null when it is not JSON or holds none. */
    public static String render(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return render(JSON.readTree(body));
        } catch (IOException e) {
            return null;
        }
    }

    /** The rendered message, or null when the body holds none. */
    public static String render(JsonNode body) {
        if (body == null || !body.hasNonNull("message")) {
            return null;
        }
        String message = body.get("message").asText();
        JsonNode params = body.get("parameters");
        if (params == null || params.isNull() || params.isEmpty()) {
            return message;
        }
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = lookup(params, m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode lookup(JsonNode params, String key) {
        if (params.isArray()) {
            if (key.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(key) - 1;
                return index >= 0 && index < params.size() ? params.get(index) : null;
            }
            return null;
        }
        return params.get(key);
    }
}
