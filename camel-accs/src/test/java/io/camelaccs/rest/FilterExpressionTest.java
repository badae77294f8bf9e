package io.camelaccs.rest;

import java.util.List;

import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.Filter;
import io.camelaccs.rest.SearchCriteria.SortOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterExpressionTest {

    private static Filter f(String field, String op, String value) {
        return new Filter(field, op, value);
    }

    @Test
    void designExampleGivesTwoGroups() {
        assertEquals(List.of(List.of(f("updated_at", "gteq", "2026-01-01")),
                List.of(f("type_id", "eq", "simple"), f("type_id", "eq", "virtual"))),
                FilterExpression.parse("updated_at gteq '2026-01-01' and (type_id eq 'simple' or type_id eq 'virtual')"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eq|x", "finset|4", "from|2026-01-01", "gt|5", "gteq|5", "in|a,b", "like|%shirt%", "lt|5", "lteq|5",
            "moreq|5", "neq|x", "nfinset|4", "nin|a,b", "nlike|%x%", "to|2026-12-31" })
    void everyConditionTypeWithAValue(String op, String value) {
        assertEquals(List.of(List.of(f("a", op, value))), FilterExpression.parse("a " + op + " '" + value + "'"));
        assertEquals(List.of(List.of(f("a", op, value))),
                FilterExpression.parse("a " + op.toUpperCase() + " " + value), "bare value, upper-case condition");
    }

    @Test
    void nullAndNotnullTakeNoValue() {
        assertEquals(List.of(List.of(f("a", "null", null)), List.of(f("b", "notnull", null), f("c", "null", null))),
                FilterExpression.parse("a NULL and (b notnull or c null)"));
    }

    @Test
    void inListsInBothForms() {
        List<List<Filter>> expected = List.of(List.of(f("sku", "in", "a b,c's,3")));
        assertEquals(expected, FilterExpression.parse("sku in 'a b,c''s,3'"));
        assertEquals(expected, FilterExpression.parse("sku in ('a b', \"c's\", 3)"));
        assertEquals(expected, FilterExpression.parse("sku in('a b',\"c's\",3)"));
        assertEquals(List.of(List.of(f("id", "nin", "1,2"))), FilterExpression.parse("id NIN 1,2"));
        assertEquals(List.of(List.of(f("id", "nin", "7"))), FilterExpression.parse("id nin (7)"));
    }

    @Test
    void quotesEscapesSpacesAndPercent() {
        assertEquals(f("name", "like", "%O'Neil's 100% cotton%"),
                FilterExpression.parse("name like '%O''Neil\\'s 100% cotton%'").get(0).get(0));
        assertEquals(f("name", "eq", "say \"hi\""), FilterExpression.parse("name eq \"say \\\"hi\"\"\"").get(0).get(0));
        assertEquals(f("path", "eq", "C:\\dir\\"), FilterExpression.parse("path eq 'C:\\dir\\\\'").get(0).get(0));
        assertEquals(f("name", "eq", ""), FilterExpression.parse("name eq ''").get(0).get(0));
        assertEquals(f("name", "eq", "and or ( ) ,"), FilterExpression.parse("name eq 'and or ( ) ,'").get(0).get(0));
    }

    @Test
    void numbersAndBareWords() {
        assertEquals(List.of(List.of(f("price", "gt", "-1.5")), List.of(f("qty", "lteq", "42")),
                List.of(f("status", "eq", "true")), List.of(f("created_at", "from", "2026-01-01T00:00:00Z"))),
                FilterExpression.parse("price gt -1.5 AND qty lteq 42 and status eq true and created_at from "
                                       + "2026-01-01T00:00:00Z"));
    }

    @Test
    void whitespaceIsFree() {
        assertEquals(FilterExpression.parse("a eq 1 and (b eq 2 or c eq 3)"),
                FilterExpression.parse("  a   eq\t1\nand(b eq'2'OR c eq 3)  "));
        assertEquals(List.of(List.of(f("extension_attributes.x", "eq", "1"))),
                FilterExpression.parse("extension_attributes.x eq 1"));
    }

    @Test
    void sortOrders() {
        assertEquals(List.of(new SortOrder("updated_at", Direction.ASC), new SortOrder("entity_id", Direction.DESC),
                new SortOrder("sku", Direction.ASC)),
                FilterExpression.parseSortOrders(" updated_at asc,entity_id DESC , sku"));
        assertEquals(List.of(new SortOrder("a", Direction.ASC), new SortOrder("b", Direction.DESC)),
                FilterExpression.parseSortOrders("a,b Desc"));
    }

    private static void assertFilterError(String input, int column, String expected) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> FilterExpression.parse(input));
        assertEquals(column, e.getColumn(), e.getMessage());
        assertEquals("Invalid filter at column " + column + ": expected " + expected + "\n" + input + "\n"
                     + " ".repeat(column - 1) + "^", e.getMessage());
        assertEquals(input, e.getInput());
    }

    @Test
    void unknownConditionType() {
        assertFilterError("updated_at equals 'x'", 12,
                "a condition type (eq, finset, from, gt, gteq, in, like, lt, lteq, moreq, neq, nfinset, nin, nlike, "
                + "notnull, null, to) but found 'equals'");
    }

    @Test
    void syntaxErrorsPointAtTheColumn() {
        assertFilterError("name eq 'abc", 9, "a closing ' for the string starting here but found 'abc");
        assertFilterError("a eq 1 and (b eq 2 or c eq 3", 29, "'or' or ')' to close the '(' at column 12 but found end of input");
        assertFilterError("a eq", 5, "a value after 'eq' but found end of input");
        assertFilterError("a eq and b eq 1", 6, "a value after 'eq' but found 'and'");
        assertFilterError("a eq )", 6, "a value after 'eq' but found ')'");
        assertFilterError("a eq 1 b eq 2", 8, "'and' or the end of the filter but found 'b'");
        assertFilterError("a eq 1 or b eq 2", 8, "'and' or the end of the filter (put OR-alternatives in parentheses, "
                                                 + "as in (type_id eq 'simple' or type_id eq 'virtual')) but found 'or'");
        assertFilterError("", 1, "a condition such as updated_at gteq '2026-01-01' but found end of input");
        assertFilterError("   ", 4, "a condition such as updated_at gteq '2026-01-01' but found end of input");
        assertFilterError("sku in ()", 9, "a value in the list but found ')'");
        assertFilterError("sku in ''", 8, "at least one value in the list but found ''");
        assertFilterError("sku in ('a',)", 13, "a value in the list but found ')'");
        assertFilterError("sku in ('a' 'b')", 13, "',' or ')' to close the list at column 8 but found 'b'");
        assertFilterError("sku in ('a,b')", 9,
                "a list value without a comma (Commerce splits in-lists at commas) but found 'a,b'");
        assertFilterError("(a eq 1 and b eq 2)", 9, "'or' or ')' to close the '(' at column 1 but found 'and'");
        assertFilterError("a eq 1 and", 11,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found end of input");
        assertFilterError("1abc eq 1", 1,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found '1abc'");
        assertFilterError("a eq 1, b eq 2", 7, "'and' or the end of the filter but found ','");
        assertFilterError("(a eq 1 or )", 12,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found ')'");
    }

    @Test
    void caretLinesUpUnderTabsAndLineBreaks() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> FilterExpression.parse("a eq 1\n\tand b eqq 2"));
        assertEquals(15, e.getColumn());
        assertEquals("a eq 1  and b eqq 2\n              ^", e.getMessage().substring(e.getMessage().indexOf('\n') + 1));
    }

    private static void assertSortError(String input, int column, String expected) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                () -> FilterExpression.parseSortOrders(input));
        assertEquals(column, e.getColumn(), e.getMessage());
        assertEquals("Invalid sortOrders at column " + column + ": expected " + expected + "\n" + input + "\n"
                     + " ".repeat(column - 1) + "^", e.getMessage());
    }

    @Test
    void sortOrderErrors() {
        assertSortError("updated_at up", 12, "asc or desc but found 'up'");
        assertSortError("a asc b", 7, "',' or the end of the sort orders but found 'b'");
        assertSortError("a asc,", 7,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found end of input");
        assertSortError("", 1,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found end of input");
        assertSortError("a-b desc", 1,
                "a field name (letters, digits, '_' and '.', not starting with a digit) but found 'a-b'");
    }
}
