package io.camelaccs.test;

import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the value a filter or sort order names: a top-level field, else a {@code custom_attributes} entry of that
 * {@code attribute_code} (as Commerce filters EAV attributes), else an {@code extension_attributes} field; a dotted
 * name walks into nested objects ({@code extension_attributes.stock_item.qty}). {@code entity_id} also finds the
 * {@code id} of products and customers, whose table column it is although their JSON calls it {@code id}.
 */
final class FieldLookup {

    private FieldLookup() {
    }

    /** The value, or null when absent or JSON null. */
    static JsonNode value(JsonNode item, String field) {
        JsonNode direct = item.get(field);
        if (present(direct)) {
            return direct;
        }
        if (field.equals("entity_id") && present(item.get("id"))) {
            return item.get("id");
        }
        JsonNode custom = item.get("custom_attributes");
        if (custom != null && custom.isArray()) {
            for (JsonNode attribute : custom) {
                if (field.equals(attribute.path("attribute_code").asText(null))) {
                    JsonNode v = attribute.get("value");
                    return present(v) ? v : null;
                }
            }
        }
        JsonNode extension = item.path("extension_attributes").get(field);
        if (present(extension)) {
            return extension;
        }
        if (field.indexOf('.') > 0) {
            JsonNode node = item;
            for (String part : field.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return present(node) ? node : null;
        }
        return null;
    }

    /** The value as MySQL would compare it: booleans as 1/0, lists comma-joined. */
    static String text(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? "1" : "0";
        }
        if (node.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            node.forEach(e -> joined.add(e.asText()));
            return joined.toString();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }
}
