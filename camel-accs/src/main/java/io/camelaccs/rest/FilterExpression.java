package io.camelaccs.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.camelaccs.rest.FilterTemplate.Condition;
import io.camelaccs.rest.FilterTemplate.Part;
import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.Filter;
import io.camelaccs.rest.SearchCriteria.SortOrder;

/**
 * The parser of the endpoint's {@code filter} and {@code sortOrders} texts. The filter language is an AND of
 * OR-groups, which is exactly what Commerce's {@code filter_groups} can express, so nothing is lost or rewritten:
 *
 * <pre>
 * expr  := group ('and' group)*
 * group := '(' cond ('or' cond)* ')' | cond
 * cond  := field op [value]                 -- null and notnull take no value
 * value := 'text' | "text" | bareword | list -- a list only after in / nin
 * list  := '(' item (',' item)* ')'         -- item: a quoted string or a bare word
 * </pre>
 *
 * Keywords and condition types are case-insensitive. Inside quotes a doubled quote or a backslash escapes the
 * quote, and {@code \\} is one backslash; any other backslash is kept. A bare word runs to the next space or
 * parenthesis, so {@code 2026-01-01}, {@code 42}, {@code true} and {@code a,b} need no quotes. sortOrders is
 * {@code field [asc|desc] (',' field [asc|desc])*}. Parsed as a {@link FilterTemplate}, a {@code ${...}} in a value
 * (quoted or bare, braces nested) is taken whole as a Simple expression, its own spaces and quotes included.
 */
final class FilterExpression {

    private final String text;
    private final String what; // "filter" or "sortOrders", as the option is named in messages
    /** Whether {@code ${...}} in a value is a Simple expression to bind per exchange, rather than plain text. */
    private final boolean templates;
    private int pos;

    private FilterExpression(String text, String what, boolean templates) {
        this.text = text == null ? "" : text;
        this.what = what;
        this.templates = templates;
    }

    /** The AND groups of OR-ed filters of a {@code filter} text. */
    static List<List<Filter>> parse(String expression) {
        List<List<Filter>> groups = new ArrayList<>();
        for (List<Condition> group : new FilterExpression(expression, "filter", false).expression()) {
            List<Filter> filters = new ArrayList<>(group.size());
            group.forEach(c -> filters.add(c.bind(e -> e)));
            groups.add(filters);
        }
        return groups;
    }

    /** The AND groups of a {@code filter} text whose values may be Simple expressions. */
    static List<List<Condition>> parseTemplate(String expression) {
        return new FilterExpression(expression, "filter", true).expression();
    }

    /** The sort orders of a {@code sortOrders} text such as {@code updated_at asc, entity_id desc}. */
    static List<SortOrder> parseSortOrders(String text) {
        return new FilterExpression(text, "sortOrders", false).sortOrders();
    }

    private List<List<Condition>> expression() {
        skipSpace();
        if (atEnd()) {
            throw error(pos, "a condition such as updated_at gteq '2026-01-01'");
        }
        List<List<Condition>> groups = new ArrayList<>();
        groups.add(group());
        while (true) {
            skipSpace();
            if (atEnd()) {
                return groups;
            }
            int start = pos;
            String word = word();
            if (word.equalsIgnoreCase("and")) {
                groups.add(group());
            } else if (word.equalsIgnoreCase("or")) {
                // Commerce can only AND groups of ORs, so an unbracketed 'or' would have an ambiguous precedence
                throw error(start, "'and' or the end of the filter (put OR-alternatives in parentheses, as in "
                                   + "(type_id eq 'simple' or type_id eq 'virtual'))");
            } else {
                throw error(start, "'and' or the end of the filter");
            }
        }
    }

    private List<Condition> group() {
        skipSpace();
        if (atEnd() || peek() != '(') {
            return List.of(condition());
        }
        int open = pos++;
        List<Condition> alternatives = new ArrayList<>();
        alternatives.add(condition());
        while (true) {
            skipSpace();
            if (!atEnd() && peek() == ')') {
                pos++;
                return alternatives;
            }
            int start = pos;
            if (!word().equalsIgnoreCase("or")) {
                throw error(start, "'or' or ')' to close the '(' at column " + (open + 1));
            }
            alternatives.add(condition());
        }
    }

    private Condition condition() {
        String field = field();
        skipSpace();
        int opStart = pos;
        String op = word().toLowerCase(Locale.ROOT);
        if (!SearchCriteria.CONDITION_TYPES.contains(op)) {
            throw error(opStart, "a condition type (" + String.join(", ", SearchCriteria.CONDITION_TYPES) + ")");
        }
        if (SearchCriteria.takesNoValue(op)) {
            return new Condition(field, op, null);
        }
        boolean list = SearchCriteria.isList(op);
        skipSpace();
        int valueStart = pos;
        Value value;
        if (list && !atEnd() && peek() == '(') {
            value = list();
        } else if (!atEnd() && isQuote(peek())) {
            value = quoted(false);
            if (list && value.isEmpty()) {
                throw error(valueStart, "at least one value in the list");
            }
        } else {
            value = bareWord(list);
            // a keyword here means the value was forgotten; quote it to compare with the word itself
            if (value.isEmpty() || value.isLiteral("and") || value.isLiteral("or")) {
                pos = valueStart;
                throw error(valueStart, "a value after '" + op + "'");
            }
        }
        return new Condition(field, op, value.parts());
    }

    /** A parenthesised in-list, joined with commas as Commerce expects. */
    private Value list() {
        int open = pos++;
        Value items = new Value();
        while (true) {
            skipSpace();
            int itemStart = pos;
            Value item = !atEnd() && isQuote(peek()) ? quoted(true) : bareWord(false);
            if (item.isEmpty()) {
                pos = itemStart;
                throw error(itemStart, "a value in the list");
            }
            if (item.hasLiteralComma()) {
                throw error(itemStart, "a list value without a comma (Commerce splits in-lists at commas)");
            }
            if (!items.isEmpty()) {
                items.literal(',');
            }
            items.append(item);
            skipSpace();
            if (!atEnd() && peek() == ',') {
                pos++;
            } else if (!atEnd() && peek() == ')') {
                pos++;
                return items;
            } else {
                throw error(pos, "',' or ')' to close the list at column " + (open + 1));
            }
        }
    }

    /** A quoted value; an expression in it is one value, and with {@code listItem} one item of an in-list. */
    private Value quoted(boolean listItem) {
        int open = pos;
        char quote = text.charAt(pos++);
        Value value = new Value();
        while (!atEnd()) {
            char c = text.charAt(pos);
            char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
            if (templates && c == '$' && next == '{') {
                value.expression(simple(), listItem);
            } else if (c == '\\' && (next == quote || next == '\\')) {
                value.literal(next);
                pos += 2;
            } else if (c == quote && next == quote) {
                value.literal(quote);
                pos += 2;
            } else if (c == quote) {
                pos++;
                return value;
            } else {
                value.literal(c);
                pos++;
            }
        }
        pos = text.length();
        throw error(open, "a closing " + quote + " for the string starting here");
    }

    /**
     * A Simple expression, {@code ${...}} with its nested braces, taken whole: its own spaces, quotes and parentheses
     * are not filter syntax.
     */
    private String simple() {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(start, pos);
            }
        }
        pos = text.length();
        throw error(start, "a closing } for the Simple expression starting here");
    }

    private List<SortOrder> sortOrders() {
        List<SortOrder> orders = new ArrayList<>();
        while (true) {
            String field = field();
            Direction direction = Direction.ASC;
            skipSpace();
            if (!atEnd() && peek() != ',') {
                int start = pos;
                String word = word();
                if (word.equalsIgnoreCase("asc")) {
                    direction = Direction.ASC;
                } else if (word.equalsIgnoreCase("desc")) {
                    direction = Direction.DESC;
                } else {
                    throw error(start, "asc or desc");
                }
                skipSpace();
            }
            orders.add(new SortOrder(field, direction));
            if (atEnd()) {
                return orders;
            }
            if (peek() != ',') {
                throw error(pos, "',' or the end of the sort orders");
            }
            pos++;
        }
    }

    private String field() {
        skipSpace();
        int start = pos;
        if (templates && text.startsWith("${", pos)) {
            throw error(start, "a field name (a Simple expression can only stand for a value, as in"
                               + " name eq '${header.name}'; to build a whole filter at run time, set header"
                               + " CamelAccsSearchCriteria to SearchCriteria.builder().filter(text).build())");
        }
        String field = word();
        if (!SearchCriteria.FIELD.matcher(field).matches()) {
            throw error(start, "a field name (letters, digits, '_' and '.', not starting with a digit)");
        }
        return field;
    }

    /** A run of characters up to a space, parenthesis, comma or quote: a field, keyword or condition type. */
    private String word() {
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && "(),'\"".indexOf(peek()) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /**
     * An unquoted value; commas belong to it only in an unbracketed in-list, so {@code sku in a,b} works. An
     * expression in it may stand for a comma-separated list there, or as an item of a bracketed list.
     */
    private Value bareWord(boolean commas) {
        Value value = new Value();
        while (!atEnd() && !Character.isWhitespace(peek()) && "()'\"".indexOf(peek()) < 0
                && (commas || peek() != ',')) {
            if (templates && peek() == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
                value.expression(simple(), false);
            } else {
                value.literal(peek());
                pos++;
            }
        }
        return value;
    }

    /** A value being read: literal text and expressions, in order. */
    private static final class Value {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private boolean literalComma;

        void literal(char c) {
            literal.append(c);
            literalComma |= c == ',';
        }

        void expression(String expression, boolean oneValueInList) {
            flush();
            parts.add(new Part(expression, true, oneValueInList));
        }

        void append(Value other) {
            other.flush();
            flush();
            parts.addAll(other.parts);
        }

        boolean isEmpty() {
            return literal.isEmpty() && parts.isEmpty();
        }

        boolean isLiteral(String word) {
            return parts.isEmpty() && literal.toString().equalsIgnoreCase(word);
        }

        boolean hasLiteralComma() {
            return literalComma;
        }

        List<Part> parts() {
            flush();
            return List.copyOf(parts);
        }

        private void flush() {
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), false, false));
                literal.setLength(0);
            }
        }
    }

    private FilterSyntaxException error(int index, String expected) {
        // tabs and line breaks become spaces so the caret lines up under a filter written across lines in XML
        String shown = text.replaceAll("[\\t\\r\\n]", " ");
        String message = "Invalid " + what + " at column " + (index + 1) + ": expected " + expected + " but found "
                         + found(index) + "\n" + shown + "\n" + " ".repeat(index) + "^";
        return new FilterSyntaxException(message, text, index + 1);
    }

    /** What sits at index, as an error message shows it: a word, a quoted string, a symbol or the end. */
    private String found(int index) {
        if (index >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(index);
        int end = index + 1;
        if (isQuote(c)) {
            int close = text.indexOf(c, index + 1);
            end = close < 0 ? text.length() : close + 1;
        } else if ("(),".indexOf(c) < 0) {
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                   && "()'\"".indexOf(text.charAt(end)) < 0) {
                end++;
            }
        }
        String token = text.substring(index, end);
        if (token.length() > 40) {
            token = token.substring(0, 37) + "...";
        }
        return isQuote(c) ? token : "'" + token + "'";
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
