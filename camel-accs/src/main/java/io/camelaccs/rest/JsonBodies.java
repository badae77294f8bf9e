package io.camelaccs.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** The body as a tree, or null when it is not JSON. */
    public JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
