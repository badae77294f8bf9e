package io.camelaccs.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelaccs.rest.SearchCriteria.Filter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterTemplateTest {

    private static List<List<Filter>> bind(String filter, Map<String, String> values) {
        return FilterTemplate.parse(filter).bind(values::get);
    }

    @Test
    void expressionsAreFoundOnceEachWhereValuesStand() {
        FilterTemplate t = FilterTemplate.parse("a eq '${header.x}' and (b like '%${header.x}%' or c gt ${header.y})"
                                                + " and d in (${header.z}, 'k')");
        assertEquals(Set.of("${header.x}", "${header.y}", "${header.z}"), t.expressions());
        assertEquals(List.of("${header.x}", "${header.y}", "${header.z}"), List.copyOf(t.expressions()), "in order");
    }

    @Test
    void boundValuesAreTakenAsTheyAre() {
        assertEquals(List.of(List.of(new Filter("name", "eq", "x' or sku neq 'y"))),
                bind("name eq '${header.n}'", Map.of("${header.n}", "x' or sku neq 'y")));
        assertEquals(List.of(List.of(new Filter("name", "eq", "it's ${not.an.expression}"))),
                bind("name eq 'it''s ${header.n}'", Map.of("${header.n}", "${not.an.expression}")),
                "a bound value is never evaluated again");
        assertEquals(List.of(List.of(new Filter("name", "eq", ""))), bind("name eq '${header.n}'", Map.of()),
                "no value binds as empty");
    }

    @Test
    void nestedBracesQuotesAndSpacesBelongToTheExpression() {
        String expression = "${header.m[${header.k}] ?: 'a (b) c'}";
        FilterTemplate t = FilterTemplate.parse("name eq " + expression + " and sku notnull");
        assertEquals(Set.of(expression), t.expressions());
        assertEquals(List.of(List.of(new Filter("name", "eq", "V")), List.of(new Filter("sku", "notnull", null))),
                t.bind(e -> "V"));
    }

    @Test
    void dollarWithoutBraceIsText() {
        assertEquals(List.of(List.of(new Filter("price", "eq", "5$"))), bind("price eq 5$", Map.of()));
    }

    @Test
    void withoutTemplatesExpressionsAreText() {
        assertEquals(List.of(List.of(new Filter("name", "eq", "${header.n}"))),
                SearchCriteria.builder().filter("name eq '${header.n}'").build().filterGroups());
    }

    @Test
    void expressionWhereSyntaxStandsIsASyntaxError() {
        FilterSyntaxException field = assertThrows(FilterSyntaxException.class,
                () -> FilterTemplate.parse("a eq 1 and ${header.rest}"));
        assertEquals(12, field.getColumn());
        FilterSyntaxException op = assertThrows(FilterSyntaxException.class,
                () -> FilterTemplate.parse("a ${header.op} 1"));
        assertEquals(3, op.getColumn());
    }

    @Test
    void quotedListItemIsOneValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bind("sku in ('${header.a}', b)", Map.of("${header.a}", "x,y")));
        assertEquals("The value 'x,y' of ${header.a} in the list of field 'sku' holds a comma, which Commerce reads as"
                     + " a separator (write the expression unquoted to give a comma-separated list)", e.getMessage());
        assertEquals(List.of(List.of(new Filter("sku", "in", "x,y,b"))),
                bind("sku in (${header.a}, b)", Map.of("${header.a}", "x,y")));
        assertEquals(List.of(List.of(new Filter("sku", "nin", "x,y"))),
                bind("sku nin ${header.a}", Map.of("${header.a}", "x,y")));
        assertThrows(IllegalArgumentException.class, () -> bind("sku in ${header.a}", Map.of("${header.a}", "")),
                "an empty in-list");
    }
}
