package io.camelaccs.test;

import java.util.Arrays;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A subscription's {@code rules} (the hook is called only when all hold) and {@code fields} (the payload sent is
 * reshaped to those fields, under their names). Field paths are dot-separated from the payload's root
 * ({@code data.product.name}).
 */
final class HookFilters {

    private HookFilters() {
    }

    static boolean matches(JsonNode rules, JsonNode payload) {
        for (JsonNode rule : rules) {
            JsonNode found = at(payload, rule.path("field").asText(""));
            String actual = found == null || found.isNull() || found.isMissingNode() ? null
                    : found.isValueNode() ? found.asText() : found.toString();
            if (!holds(rule.path("operator").asText(""), actual, rule.path("value").asText(""))) {
                return false;
            }
        }
        return true;
    }

    /** The payload with only the configured fields, or the payload itself when none are configured. */
    static JsonNode reshape(JsonNode fields, ObjectNode payload) {
        if (fields == null || fields.isEmpty()) {
            return payload;
        }
        ObjectNode shaped = Json.object();
        for (JsonNode field : fields) {
            String name = field.path("name").asText("");
            String source = field.path("source").asText(name);
            JsonNode value = at(payload, source);
            if (value == null || name.isEmpty()) {
                continue;
            }
            String[] parts = name.split("\\.");
            ObjectNode parent = shaped;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.has(parts[i]) && parent.get(parts[i]).isObject() ? (ObjectNode) parent.get(parts[i])
                        : parent.putObject(parts[i]);
            }
            parent.set(parts[parts.length - 1], value.deepCopy());
        }
        return shaped;
    }

    private static boolean holds(String operator, String actual, String expected) {
        switch (operator) {
            case "equal":
                return expected.equals(actual);
            case "notEqual":
                return !expected.equals(actual);
            case "greaterThan":
                return actual != null && number(actual) > number(expected);
            case "lessThan":
                return actual != null && number(actual) < number(expected);
            case "in":
                return actual != null && Arrays.stream(expected.split(",")).map(String::trim).anyMatch(actual::equals);
            case "regex":
                return actual != null && Pattern.compile(stripDelimiters(expected)).matcher(actual).find();
            case "isEmpty":
                return actual == null || actual.isEmpty();
            case "notEmpty":
                return actual != null && !actual.isEmpty();
            default:
                throw new IllegalArgumentException("Unknown rule operator " + operator + ": use equal, notEqual, "
                                                   + "greaterThan, lessThan, in, regex, isEmpty or notEmpty");
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Commerce takes PHP regular expressions such as {@code /^foo/i}; the delimiters go. */
    private static String stripDelimiters(String regex) {
        if (regex.length() > 1 && regex.startsWith("/") && regex.lastIndexOf('/') > 0) {
            String flags = regex.substring(regex.lastIndexOf('/') + 1);
            String body = regex.substring(1, regex.lastIndexOf('/'));
            return flags.contains("i") ? "(?i)" + body : body;
        }
        return regex;
    }

    static JsonNode at(JsonNode payload, String dotted) {
        JsonNode node = payload;
        for (String part : dotted.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.isArray() && part.chars().allMatch(Character::isDigit) && !part.isEmpty()
                    ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        return node;
    }
}
