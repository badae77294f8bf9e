package io.camelaccs.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns message bodies into JSON request bytes and JSON response bytes into plain Java values.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The request bytes for a body: a String or bytes are taken as JSON already written, a stream is read whole (so a
     * replay can resend it), anything else (Map, List, POJO, Jackson node) is serialised.
     */
    public byte[] toJson(Object body) throws IOException {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream in) {
            return in.readAllBytes();
        }
        return mapper.writeValueAsBytes(body);
    }

    /**
     * A response body as a Map, List, String, Number or Boolean; null when empty. A body that is not JSON is returned
     * as text.
     */
    public Object fromJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(body, Object.class);
        } catch (IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The scalar values of the named top-level fields of a JSON object, read with the streaming parser (nested values
     * are skipped, not built), so raw responses yield their total_count or bulk_uuid without being parsed whole.
     */
    public Map<String, Object> topLevelScalars(byte[] body, Set<String> names) {
        Map<String, Object> found = new HashMap<>();
        if (body == null || body.length == 0) {
            return found;
        }
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else if (names.contains(name) && value != JsonToken.VALUE_NULL) {
                    found.put(name, value.isNumeric() ? p.getNumberValue() : p.getText());
                }
            }
        } catch (IOException e) {
            // not JSON: no headers to take from it
        }
        return found;
    }

    /** The body as a tree, or null when it is not JSON. */
    public JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
