package io.camelaccs.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed {@code searchCriteria}: AND of filter groups, each an OR of {@link Condition}s, sort orders and paging.
 * Parses both spellings Commerce accepts: the documented snake_case ({@code filter_groups}, {@code condition_type})
 * and the schema's camelCase ({@code filterGroups}, {@code conditionType}).
 *
 * @param groups      AND groups of OR-ed conditions, in index order
 * @param sortOrders  sort keys, in index order
 * @param pageSize    the page size, or null for every match at once
 * @param currentPage the 1-based page, or null
 */
record SearchQuery(List<List<Condition>> groups, List<Sort> sortOrders, Integer pageSize, Integer currentPage) {

    /** One sort key. */
    record Sort(String field, boolean ascending) {
    }

    private static final String PREFIX = "searchCriteria";

    /**
     * Reads the {@code searchCriteria[...]} query parameters.
     *
     * @throws CommerceException 400 when there is no searchCriteria at all (Commerce requires it) or a part is invalid
     */
    static SearchQuery parse(Map<String, List<String>> query) {
        Map<Integer, Map<Integer, Map<String, String>>> filters = new TreeMap<>();
        Map<Integer, Map<String, String>> sorts = new TreeMap<>();
        Integer pageSize = null;
        Integer currentPage = null;
        boolean present = false;
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            String name = param.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            present = true;
            List<String> keys = keys(name.substring(PREFIX.length()));
            String value = param.getValue().isEmpty() ? "" : param.getValue().get(param.getValue().size() - 1);
            if (keys.isEmpty()) {
                continue; // a bare "searchCriteria" asks for everything
            }
            switch (keys.get(0)) {
                case "filter_groups" -> {
                    if (keys.size() == 5 && keys.get(2).equals("filters")) {
                        filters.computeIfAbsent(index(keys.get(1)), k -> new TreeMap<>())
                                .computeIfAbsent(index(keys.get(3)), k -> new TreeMap<>())
                                .put(keys.get(4), value);
                    }
                }
                case "sort_orders" -> {
                    if (keys.size() == 3) {
                        sorts.computeIfAbsent(index(keys.get(1)), k -> new TreeMap<>()).put(keys.get(2), value);
                    }
                }
                case "page_size" -> pageSize = number(value, "pageSize");
                case "current_page" -> currentPage = number(value, "currentPage");
                default -> {
                    // Commerce ignores properties it does not know here
                }
            }
        }
        if (!present) {
            throw CommerceException.required("searchCriteria");
        }
        List<List<Condition>> groups = new ArrayList<>();
        for (Map<Integer, Map<String, String>> group : filters.values()) {
            List<Condition> conditions = new ArrayList<>();
            for (Map<String, String> filter : group.values()) {
                String field = filter.get("field");
                if (field == null || field.isEmpty()) {
                    throw CommerceException.required("field");
                }
                String type = filter.getOrDefault("condition_type", "eq");
                conditions.add(Condition.of(field, type.isEmpty() ? "eq" : type, filter.get("value")));
            }
            groups.add(conditions);
        }
        List<Sort> sortOrders = new ArrayList<>();
        for (Map<String, String> sort : sorts.values()) {
            String field = sort.get("field");
            if (field == null || field.isEmpty()) {
                throw CommerceException.required("field");
            }
            String direction = sort.getOrDefault("direction", "ASC").toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw CommerceException.invalidValue(sort.get("direction"), "direction");
            }
            sortOrders.add(new Sort(field, direction.equals("ASC")));
        }
        if (pageSize != null && pageSize < 0) {
            throw CommerceException.invalidValue(pageSize.toString(), "pageSize");
        }
        return new SearchQuery(groups, sortOrders, pageSize, currentPage);
    }

    /** The criteria as Commerce echoes them in {@code search_criteria}. */
    ObjectNode echo() {
        ObjectNode echo = Json.object();
        ArrayNode groupNodes = echo.putArray("filter_groups");
        for (List<Condition> group : groups) {
            ArrayNode filterNodes = groupNodes.addObject().putArray("filters");
            for (Condition c : group) {
                ObjectNode f = filterNodes.addObject().put("field", c.field());
                if (c.value() != null) {
                    f.put("value", c.value());
                }
                f.put("condition_type", c.type());
            }
        }
        if (!sortOrders.isEmpty()) {
            ArrayNode sortNodes = echo.putArray("sort_orders");
            for (Sort s : sortOrders) {
                sortNodes.addObject().put("field", s.field()).put("direction", s.ascending() ? "ASC" : "DESC");
            }
        }
        if (pageSize != null) {
            echo.put("page_size", pageSize);
        }
        if (currentPage != null) {
            echo.put("current_page", currentPage);
        }
        return echo;
    }

    /** {@code [filterGroups][0][filters]} to {@code [filter_groups, 0, filters]}, names in snake_case. */
    private static List<String> keys(String brackets) {
        List<String> keys = new ArrayList<>();
        int i = 0;
        while (i < brackets.length() && brackets.charAt(i) == '[') {
            int close = brackets.indexOf(']', i);
            if (close < 0) {
                break;
            }
            keys.add(snake(brackets.substring(i + 1, close)));
            i = close + 1;
        }
        return keys;
    }

    private static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw CommerceException.invalidValue(text, "index");
        }
    }

    private static Integer number(String text, String field) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw CommerceException.invalidValue(text, field);
        }
    }
}
