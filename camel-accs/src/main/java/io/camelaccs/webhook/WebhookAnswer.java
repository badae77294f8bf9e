package io.camelaccs.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns what a route left as its body into the JSON Commerce applies, or says what is wrong with it: Commerce
 * applies an answer it cannot read as its own fallback (or a half-applied change), so nothing invalid is sent.
 */
final class WebhookAnswer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUCCESS = "{\"op\":\"success\"}";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "success", Set.of("op"),
            "exception", Set.of("op", "message", "class"),
            "add", Set.of("op", "path", "value", "instance"),
            "replace", Set.of("op", "path", "value", "instance"),
            "remove", Set.of("op", "path"));

    private WebhookAnswer() {
    }

    /**
     * The answer's JSON for a body: {@code null}, one operation (a {@link WebhookOperation} or a Map), a list of
     * them, or their JSON text.
     *
     * @throws IllegalArgumentException the body is not a valid answer; the message says why
     */
    static String json(Object body) {
        if (body == null) {
            return SUCCESS;
        }
        Object answer = body;
        if (body instanceof String text) {
            try {
                answer = JSON.readValue(text, Object.class);
            } catch (Exception e) {
                throw new IllegalArgumentException("the body is text that is not JSON");
            }
        }
        Object valid;
        if (answer instanceof Collection<?> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("the body is an empty list of operations");
            }
            List<Map<String, Object>> ops = new ArrayList<>(list.size());
            int i = 0;
            for (Object op : list) {
                ops.add(operation(op, "operation " + i++ + ": "));
            }
            valid = ops;
        } else {
            valid = operation(answer, "");
        }
        try {
            return JSON.writeValueAsString(valid);
        } catch (Exception e) {
            throw new IllegalArgumentException("a value cannot be written as JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code {"op":"exception","message":...}} for a message chosen here (never a route's internals). */
    static String exception(String message) {
        return json(WebhookOperations.exception(message));
    }

    /** The ops and paths of an answer's JSON, without their values (for a log line): {@code [replace result/0/amount]}. */
    static String operationsOf(String answer) {
        try {
            List<String> ops = new ArrayList<>();
            JsonNode tree = JSON.readTree(answer);
            for (JsonNode op : tree.isArray() ? tree : List.of(tree)) {
                ops.add(op.path("op").asText() + (op.has("path") ? " " + op.path("path").asText() : ""));
            }
            return ops.toString();
        } catch (Exception e) {
            return "(not JSON)";
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(Object o, String where) {
        if (o instanceof WebhookOperation op) {
            return op.toMap();
        }
        if (!(o instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + "expected an operation (WebhookOperations, a Map with op, or a"
                                               + " list of them), got " + (o == null ? "null" : o.getClass().getName()));
        }
        Object name = map.get("op");
        Set<String> allowed = name instanceof String s ? FIELDS.get(s) : null;
        if (allowed == null) {
            throw new IllegalArgumentException(where + "op " + (name == null ? "is missing" : "'" + name + "' is unknown")
                                               + "; expected one of success, exception, add, replace, remove");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + "op " + name + " takes no field '" + key + "' (it takes "
                                                   + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        if (allowed.contains("path") && !(map.get("path") instanceof String path && !path.isBlank())) {
            throw new IllegalArgumentException(where + "op " + name + " needs a path, such as result/shipping_methods");
        }
        if (allowed.contains("value") && !map.containsKey("value")) {
            throw new IllegalArgumentException(where + "op " + name + " needs a value");
        }
        for (String text : List.of("message", "class", "instance")) {
            if (map.containsKey(text) && !(map.get(text) instanceof String)) {
                throw new IllegalArgumentException(where + "op " + name + ": " + text + " must be text");
            }
        }
        return (Map<String, Object>) map;
    }
}
