package io.camelaccs.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateTimeDeserializer;

/**
 * Turns message bodies into JSON request bytes and JSON response bytes into plain Java values, and binds values to
 * the user's types ({@code outputClass}, POJO request bodies) with a binding mapper: the user's own when given, else
 * a lenient copy of the component's that knows java.time.
 */
public final class JsonBodies {

    /** Commerce writes date-times as {@code 2026-01-01 12:00:00}; ISO's {@code T} is accepted too. */
    private static final DateTimeFormatter COMMERCE_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private final ObjectMapper mapper;
    private final ObjectMapper binder;

    public JsonBodies(ObjectMapper mapper) {
        this(mapper, lenientCopy(mapper));
    }

    private JsonBodies(ObjectMapper mapper, ObjectMapper binder) {
        this.mapper = mapper;
        this.binder = binder;
    }

    /**
     * The same bodies, binding with the given mapper (camel-jackson's convention: the registry's one
     * {@code ObjectMapper}); unknown properties are still ignored, as Commerce adds fields.
     */
    public JsonBodies bindingWith(ObjectMapper userMapper) {
        return new JsonBodies(mapper, userMapper);
    }

    private static ObjectMapper lenientCopy(ObjectMapper mapper) {
        JavaTimeModule time = new JavaTimeModule();
        time.addDeserializer(LocalDateTime.class, new LocalDateTimeDeserializer(COMMERCE_DATE_TIME));
        return mapper.copy().registerModule(time)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The mapper that parses responses to plain values. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The request bytes for a body: a String or bytes are taken as JSON already written, anything else (Map, List,
     * POJO, Jackson node) is serialised with the binding mapper.
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
        return binder.writeValueAsBytes(body);
    }

    /**
     * A plain value (Map, List) bound to a type, ignoring the properties the type does not declare.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public <T> T bind(Object value, Class<T> type) {
        try {
            return binder.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue((JsonNode) binder.valueToTree(value));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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

    /** Receives the items of a search page one by one, with where each lies in the response's bytes. */
    @FunctionalInterface
    public interface ItemSink {
        /**
         * @param item the item parsed as {@link #fromJson} parses it (a Map for a JSON object)
         * @param json the whole response body
         * @param from the offset of the item's first byte in {@code json}
         * @param to   the offset just past its last byte
         */
        void item(Object item, byte[] json, int from, int to);
    }

    /**
     * Reads a search response ({@code {"items": [...], "total_count": n, ...}}) with the streaming parser, handing each
     * item to the sink as it is parsed, together with its byte range: a caller that fingerprints items hashes the bytes
     * Commerce sent instead of walking the parsed item again.
     *
     * @return the response's total_count, {@link Long#MAX_VALUE} when it has none; null when the body is not JSON or
     *         not an object with an items list (the caller discards whatever the sink was handed before)
     */
    public Long readSearchItems(byte[] body, ItemSink sink) {
        if (body == null || body.length == 0) {
            return null;
        }
        boolean itemsSeen = false;
        long total = Long.MAX_VALUE;
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("items".equals(name) && value == JsonToken.START_ARRAY) {
                    itemsSeen = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        int from = (int) p.currentTokenLocation().getByteOffset();
                        Object item = mapper.readValue(p, Object.class);
                        int to = (int) p.currentLocation().getByteOffset();
                        sink.item(item, body, from, to);
                    }
                } else if ("total_count".equals(name) && value.isNumeric()) {
                    total = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return itemsSeen ? total : null;
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
