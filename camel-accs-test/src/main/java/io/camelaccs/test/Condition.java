package io.camelaccs.test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One filter of a search, evaluated the way MySQL evaluates the SQL Commerce generates for it: numbers compare
 * numerically, anything else (dates included, whose format sorts lexicographically) as strings; a missing or null
 * field satisfies only {@code null} (SQL's NULL makes every comparison, negated ones included, false); {@code like}
 * and {@code nlike} take {@code %} and {@code _} wildcards and ignore case, as MySQL's default collation does.
 *
 * @param field the attribute code
 * @param type  the lower-case condition type
 * @param value the value as sent, or null
 */
record Condition(String field, String type, String value, List<String> list, Pattern like) {

    /** Every condition type Commerce accepts. */
    static final List<String> TYPES = List.of("eq", "finset", "from", "gt", "gteq", "in", "like", "lt", "lteq", "moreq",
            "neq", "nfinset", "nin", "nlike", "notnull", "null", "to");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    static Condition of(String field, String conditionType, String value) {
        String type = conditionType.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw CommerceException.invalidValue(conditionType, "condition_type");
        }
        List<String> list = null;
        Pattern like = null;
        String v = value == null ? "" : value;
        if (type.equals("in") || type.equals("nin")) {
            list = Arrays.stream(v.split(",")).map(String::trim).toList();
        } else if (type.equals("like") || type.equals("nlike")) {
            like = likePattern(v);
        }
        return new Condition(field, type, value, list, like);
    }

    /** Whether the item satisfies this condition. */
    boolean test(JsonNode item) {
        JsonNode node = FieldLookup.value(item, field);
        if (type.equals("null")) {
            return node == null;
        }
        if (node == null) {
            return false;
        }
        if (type.equals("notnull")) {
            return true;
        }
        String actual = FieldLookup.text(node);
        String expected = value == null ? "" : value;
        return switch (type) {
            case "eq" -> compare(actual, expected) == 0;
            case "neq" -> compare(actual, expected) != 0;
            case "gt" -> compare(actual, expected) > 0;
            case "gteq", "moreq", "from" -> compare(actual, expected) >= 0;
            case "lt" -> compare(actual, expected) < 0;
            case "lteq", "to" -> compare(actual, expected) <= 0;
            case "in" -> list.stream().anyMatch(e -> compare(actual, e) == 0);
            case "nin" -> list.stream().noneMatch(e -> compare(actual, e) == 0);
            case "like" -> like.matcher(actual).matches();
            case "nlike" -> !like.matcher(actual).matches();
            case "finset" -> inSet(actual, expected);
            case "nfinset" -> !inSet(actual, expected);
            default -> throw new IllegalStateException("unhandled condition type " + type);
        };
    }

    /** Numeric when both sides are numbers, else lexicographic. */
    static int compare(String a, String b) {
        if (NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()) {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        }
        return a.compareTo(b);
    }

    /** MySQL's FIND_IN_SET: the value is one element of the field's comma-separated list. */
    private static boolean inSet(String set, String element) {
        for (String part : set.split(",")) {
            if (part.equals(element)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern likePattern(String sqlPattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < sqlPattern.length(); i++) {
            char c = sqlPattern.charAt(i);
            if (c == '\\' && i + 1 < sqlPattern.length()) {
                literal.append(sqlPattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                regex.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
