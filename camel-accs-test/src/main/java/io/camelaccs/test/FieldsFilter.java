package io.camelaccs.test;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Commerce's {@code fields} response filter, such as
 * {@code items[sku,name,extension_attributes[website_ids]],total_count}: objects keep only the named fields (nested
 * brackets filter inside them), lists apply the filter to each element. An unparsable filter gives an empty array, as
 * Commerce's own filter does.
 */
final class FieldsFilter {

    /** Field name to its nested filter; a null nested filter keeps the field whole. */
    private final Map<String, FieldsFilter> fields;

    private FieldsFilter(Map<String, FieldsFilter> fields) {
        this.fields = fields;
    }

    /** Filters the body with the filter text; a null or blank filter returns the body unchanged. */
    static JsonNode apply(String filter, JsonNode body) {
        if (filter == null || filter.isBlank() || body == null) {
            return body;
        }
        FieldsFilter parsed = parse(filter);
        return parsed == null ? Json.array() : parsed.filter(body);
    }

    /** The parsed filter, or null when the brackets do not balance or a name is empty. */
    static FieldsFilter parse(String text) {
        int[] pos = {0};
        FieldsFilter filter = parseList(text, pos);
        return filter == null || pos[0] != text.length() ? null : filter;
    }

    private static FieldsFilter parseList(String text, int[] pos) {
        Map<String, FieldsFilter> fields = new LinkedHashMap<>();
        while (true) {
            int start = pos[0];
            while (pos[0] < text.length() && ",[]".indexOf(text.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String name = text.substring(start, pos[0]).trim();
            if (name.isEmpty()) {
                return null;
            }
            FieldsFilter nested = null;
            if (pos[0] < text.length() && text.charAt(pos[0]) == '[') {
                pos[0]++;
                nested = parseList(text, pos);
                if (nested == null || pos[0] >= text.length() || text.charAt(pos[0]) != ']') {
                    return null;
                }
                pos[0]++;
            }
            fields.put(name, nested);
            if (pos[0] < text.length() && text.charAt(pos[0]) == ',') {
                pos[0]++;
                continue;
            }
            return new FieldsFilter(fields);
        }
    }

    private JsonNode filter(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(element -> out.add(filter(element)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (fields.containsKey(entry.getKey())) {
                FieldsFilter nested = fields.get(entry.getKey());
                out.set(entry.getKey(), nested == null ? entry.getValue() : nested.filter(entry.getValue()));
            }
        }
        return out;
    }
}
