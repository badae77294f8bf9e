package io.camelaccs.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a hook's {@code add}, {@code replace} and {@code remove} operations to a payload, by {@code /}-separated
 * paths from the payload's root ({@code data/product/name}, {@code result/flatrate_flatrate/amount}). An array element
 * is named by its index or, for shipping methods, by {@code <carrier_code>_<method_code>}.
 */
final class HookPaths {

    private HookPaths() {
    }

    /** @throws IllegalArgumentException when the path does not lead anywhere in the payload */
    static void add(ObjectNode root, String path, JsonNode value) {
        JsonNode target = find(root, path);
        if (target instanceof ArrayNode array) {
            array.add(value); // adding to a list (a new shipping method to result) appends
            return;
        }
        set(root, path, value, true);
    }

    static void replace(ObjectNode root, String path, JsonNode value) {
        set(root, path, value, false);
    }

    static void remove(ObjectNode root, String path) {
        String[] parts = split(path);
        JsonNode parent = walk(root, parts, parts.length - 1, false);
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            int index = indexOf(array, last);
            if (index >= 0) {
                array.remove(index);
            }
        }
    }

    static JsonNode find(ObjectNode root, String path) {
        String[] parts = split(path);
        return walk(root, parts, parts.length, false);
    }

    private static void set(ObjectNode root, String path, JsonNode value, boolean create) {
        String[] parts = split(path);
        JsonNode parent = walk(root, parts, parts.length - 1, create);
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array && indexOf(array, last) >= 0) {
            array.set(indexOf(array, last), value);
        } else {
            throw new IllegalArgumentException("The path " + path + " leads nowhere in the payload");
        }
    }

    private static JsonNode walk(ObjectNode root, String[] parts, int count, boolean create) {
        JsonNode node = root;
        for (int i = 0; i < count && node != null; i++) {
            String part = parts[i];
            if (node instanceof ObjectNode object) {
                JsonNode next = object.get(part);
                if ((next == null || next.isNull()) && create) {
                    next = object.putObject(part);
                }
                node = next;
            } else if (node instanceof ArrayNode array) {
                int index = indexOf(array, part);
                node = index < 0 ? null : array.get(index);
            } else {
                node = null;
            }
        }
        return node;
    }

    private static int indexOf(ArrayNode array, String part) {
        if (part.chars().allMatch(Character::isDigit) && !part.isEmpty()) {
            int index = Integer.parseInt(part);
            return index < array.size() ? index : -1;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String key = element.path("carrier_code").asText("") + "_" + element.path("method_code").asText("");
            if (key.equals(part)) {
                return i;
            }
        }
        return -1;
    }

    private static String[] split(String path) {
        String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("An operation needs a path");
        }
        return trimmed.split("/");
    }
}
