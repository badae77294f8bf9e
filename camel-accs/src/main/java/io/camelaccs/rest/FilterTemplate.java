package io.camelaccs.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.camelaccs.rest.SearchCriteria.Filter;

/**
 * A {@code filter} text holding Simple expressions ({@code ${...}}), parsed once: each expression stands for a value
 * (quoted, bare, or an item of an in-list) and is bound per exchange as that value, never read as filter syntax. So
 * {@code name eq '${header.name}'} searches for {@code Men's Tee} literally, and a header {@code x' or sku neq 'y}
 * stays one value of one condition. An expression anywhere else (a field, a condition type, the whole filter) is a
 * syntax error at the column where it stands.
 */
public final class FilterTemplate {

    /** A piece of a value: literal text, or the text of a Simple expression. */
    record Part(String text, boolean expression, boolean oneValueInList) {
    }

    /** One condition whose value is made of parts; value null for null/notnull. */
    record Condition(String field, String conditionType, List<Part> value) {

        Filter bind(Function<String, String> values) {
            if (value == null) {
                return new Filter(field, conditionType, null);
            }
            StringBuilder sb = new StringBuilder();
            for (Part part : value) {
                if (!part.expression()) {
                    sb.append(part.text());
                    continue;
                }
                String bound = values.apply(part.text());
                bound = bound == null ? "" : bound;
                if (part.oneValueInList() && bound.indexOf(',') >= 0) {
                    // Commerce splits in-lists at commas: the quoted item would silently become several values
                    throw new IllegalArgumentException("The value '" + bound + "' of " + part.text() + " in the list"
                                                       + " of field '" + field + "' holds a comma, which Commerce reads"
                                                       + " as a separator (write the expression unquoted to give a"
                                                       + " comma-separated list)");
                }
                sb.append(bound);
            }
            return new Filter(field, conditionType, sb.toString());
        }
    }

    private final String text;
    private final List<List<Condition>> groups;

    private FilterTemplate(String text, List<List<Condition>> groups) {
        this.text = text;
        this.groups = groups;
    }

    /**
     * Parses a filter whose values may be Simple expressions.
     *
     * @throws FilterSyntaxException pointing at the column that does not parse
     */
    public static FilterTemplate parse(String text) {
        return new FilterTemplate(text, FilterExpression.parseTemplate(text));
    }

    /** The texts of the Simple expressions, such as {@code ${header.name}}, each once, in order. */
    public Set<String> expressions() {
        Set<String> found = new LinkedHashSet<>();
        groups.forEach(group -> group.forEach(c -> {
            if (c.value() != null) {
                c.value().stream().filter(Part::expression).forEach(p -> found.add(p.text()));
            }
        }));
        return found;
    }

    /**
     * The filter groups with each expression replaced by its value, taken as it is.
     *
     * @param values the value of an expression text; null counts as empty
     * @throws IllegalArgumentException when a bound value does not fit its condition (an empty in-list, a comma in a
     *                                  quoted list item)
     */
    public List<List<Filter>> bind(Function<String, String> values) {
        List<List<Filter>> bound = new ArrayList<>(groups.size());
        for (List<Condition> group : groups) {
            List<Filter> filters = new ArrayList<>(group.size());
            group.forEach(c -> filters.add(c.bind(values)));
            bound.add(filters);
        }
        return bound;
    }

    @Override
    public String toString() {
        return text;
    }
}
