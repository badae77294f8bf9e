package io.camelaccs.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Commerce error as a handler raises it: an HTTP status and the {@code message} with its {@code %1} or
 * {@code %name} placeholders left unfilled, as Commerce sends them, and the {@code parameters} that fill them.
 */
final class CommerceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final JsonNode parameters;

    CommerceException(int status, String message) {
        this(status, message, null);
    }

    /**
     * @param parameters a JSON array (for {@code %1}, {@code %2}) or object (for {@code %name}), or null
     */
    CommerceException(int status, String message, JsonNode parameters) {
        super(message, null, false, false);
        this.status = status;
        this.parameters = parameters;
    }

    static CommerceException notFound(String message) {
        return new CommerceException(404, message);
    }

    static CommerceException noRoute() {
        return new CommerceException(404, "Request does not match any route.");
    }

    /** Commerce's message for a required input that is missing. */
    static CommerceException required(String fieldName) {
        return new CommerceException(400, "\"%fieldName\" is required. Enter and try again.",
                Json.object().put("fieldName", fieldName));
    }

    /** Commerce's message for an input value of the wrong shape. */
    static CommerceException invalidValue(String value, String fieldName) {
        return new CommerceException(400, "Invalid value of \"%value\" provided for the %fieldName field.",
                Json.object().put("value", value).put("fieldName", fieldName));
    }

    int status() {
        return status;
    }

    /** The Commerce error body: {@code {"message": ..., "parameters": ...}}. */
    ObjectNode body() {
        ObjectNode body = Json.object().put("message", getMessage());
        if (parameters != null) {
            body.set("parameters", parameters);
        }
        return body;
    }

    /** The message with its placeholders filled, as a bulk operation's {@code result_message} carries it. */
    String renderedMessage() {
        String text = getMessage();
        if (parameters == null) {
            return text;
        }
        if (parameters.isArray()) {
            for (int i = parameters.size(); i >= 1; i--) {
                text = text.replace("%" + i, parameters.get(i - 1).asText());
            }
        } else {
            var names = parameters.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                text = text.replace("%" + name, parameters.get(name).asText());
            }
        }
        return text;
    }
}
