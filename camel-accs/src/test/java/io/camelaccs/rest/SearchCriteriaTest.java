package io.camelaccs.rest;

import java.util.List;
import java.util.Map;

import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.Filter;
import io.camelaccs.rest.SearchCriteria.SortOrder;
import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchCriteriaTest {

    private static final String DESIGN_EXAMPLE = "updated_at gteq '2026-01-01' and (type_id eq 'simple' or type_id eq 'virtual')";

    private static final String G = "searchCriteria[filter_groups]";

    @Test
    void designExampleQueryParameters() {
        SearchCriteria criteria = SearchCriteria.builder().filter(DESIGN_EXAMPLE).sortOrders("updated_at asc, entity_id asc")
                .pageSize(100).currentPage(2).build();
        assertEquals(2, criteria.filterGroups().size());
        assertEquals(List.of(
                entry(G + "[0][filters][0][field]", "updated_at"),
                entry(G + "[0][filters][0][value]", "2026-01-01"),
                entry(G + "[0][filters][0][condition_type]", "gteq"),
                entry(G + "[1][filters][0][field]", "type_id"),
                entry(G + "[1][filters][0][value]", "simple"),
                entry(G + "[1][filters][0][condition_type]", "eq"),
                entry(G + "[1][filters][1][field]", "type_id"),
                entry(G + "[1][filters][1][value]", "virtual"),
                entry(G + "[1][filters][1][condition_type]", "eq"),
                entry("searchCriteria[sortOrders][0][field]", "updated_at"),
                entry("searchCriteria[sortOrders][0][direction]", "ASC"),
                entry("searchCriteria[sortOrders][1][field]", "entity_id"),
                entry("searchCriteria[sortOrders][1][direction]", "ASC"),
                entry("searchCriteria[pageSize]", "100"),
                entry("searchCriteria[currentPage]", "2")), criteria.toQueryParameters());
    }

    @Test
    void builderEqualsParsed() {
        SearchCriteria built = SearchCriteria.builder()
                .where("updated_at", "GTEQ", "2026-01-01")
                .anyOf(Filter.of("type_id", "eq", "simple"), Filter.of("type_id", "eq", "virtual"))
                .where("sku", "in", List.of("a", "b", 3))
                .where("qty", "gt", 5)
                .where("image", "notnull", null)
                .sortBy("updated_at", Direction.ASC).sortBy("entity_id", Direction.DESC)
                .pageSize(100).build();
        SearchCriteria parsed = SearchCriteria.builder()
                .filter(DESIGN_EXAMPLE + " and sku in ('a', 'b', 3) and qty gt 5 and image notnull")
                .sortOrders("updated_at, entity_id desc").pageSize(100).build();
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertEquals(built.toQueryParameters(), parsed.toQueryParameters());
        assertNotEquals(built, parsed.withCurrentPage(1));
        assertEquals(Filter.of("sku", "nin", new String[] {"x", "y"}), new Filter("sku", "nin", "x,y"));
    }

    @Test
    void toStringShowsTheExpressionAndParsesBack() {
        SearchCriteria criteria = SearchCriteria.builder().filter(DESIGN_EXAMPLE).sortBy("updated_at", Direction.ASC)
                .pageSize(100).build();
        assertEquals(DESIGN_EXAMPLE + " sort updated_at ASC pageSize 100", criteria.toString());
        SearchCriteria tricky = SearchCriteria.builder().where("name", "like", "%O'Neil \\ 100%")
                .anyOf(Filter.of("a", "null", null), Filter.of("b", "in", List.of("x", "y"))).currentPage(3).build();
        assertEquals("name like '%O''Neil \\\\ 100%' and (a null or b in 'x,y') currentPage 3", tricky.toString());
        String filterPart = tricky.toString().substring(0, tricky.toString().indexOf(" currentPage"));
        assertEquals(tricky.filterGroups(), SearchCriteria.builder().filter(filterPart).build().filterGroups());
        assertEquals("(all items)", SearchCriteria.builder().build().toString());
    }

    @Test
    void nullAndNotnullSendNoValue() {
        SearchCriteria criteria = SearchCriteria.builder().filter("(a null or b NOTNULL)").build();
        assertEquals(List.of(
                entry(G + "[0][filters][0][field]", "a"),
                entry(G + "[0][filters][0][condition_type]", "null"),
                entry(G + "[0][filters][1][field]", "b"),
                entry(G + "[0][filters][1][condition_type]", "notnull")), criteria.toQueryParameters());
        assertNull(criteria.filterGroups().get(0).get(1).value());
    }

    @Test
    void everyConditionTypeIsSentLowerCase() {
        SearchCriteria.Builder builder = SearchCriteria.builder();
        for (String type : SearchCriteria.CONDITION_TYPES) {
            builder.where("f", type.toUpperCase(), type.equals("null") || type.equals("notnull") ? null : "v");
        }
        List<Map.Entry<String, String>> params = builder.build().toQueryParameters();
        List<String> sent = params.stream().filter(e -> e.getKey().endsWith("[condition_type]")).map(Map.Entry::getValue)
                .toList();
        assertEquals(SearchCriteria.CONDITION_TYPES, sent);
        assertEquals(entry(G + "[16][filters][0][condition_type]", "to"), params.get(params.size() - 1));
    }

    @Test
    void valuesPassUnencoded() {
        SearchCriteria criteria = SearchCriteria.builder().filter("name like '%a b&c=d%'").build();
        assertEquals(entry(G + "[0][filters][0][value]", "%a b&c=d%"), criteria.toQueryParameters().get(1));
    }

    @Test
    void copiesLeaveTheOriginalAlone() {
        SearchCriteria base = SearchCriteria.builder().filter("type_id eq simple").build();
        assertNull(base.pageSize());
        assertNull(base.currentPage());
        SearchCriteria next = base.and(List.of(Filter.of("updated_at", "gteq", "2026-02-01 10:00:00")))
                .withSortOrders(List.of(new SortOrder("updated_at", Direction.ASC), new SortOrder("entity_id", Direction.ASC)))
                .withPageSize(50).withCurrentPage(1);
        assertEquals("type_id eq 'simple'", base.toString());
        assertEquals("type_id eq 'simple' and updated_at gteq '2026-02-01 10:00:00' sort updated_at ASC, entity_id ASC "
                     + "pageSize 50 currentPage 1", next.toString());
        assertEquals(50, next.pageSize());
        assertEquals(1, next.currentPage());
        assertEquals(entry("searchCriteria[pageSize]", "50"), next.toQueryParameters().get(next.toQueryParameters().size() - 2));
        assertThrows(UnsupportedOperationException.class, () -> next.filterGroups().add(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> next.filterGroups().get(0).clear());
    }

    @Test
    void validation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchCriteria.builder().where("a", "equals", "x"));
        assertEquals("Unknown condition type 'equals': accepted are eq, finset, from, gt, gteq, in, like, lt, lteq, moreq, "
                     + "neq, nfinset, nin, nlike, notnull, null, to", e.getMessage());
        assertEquals("pageSize must be at least 1, but was 0",
                assertThrows(IllegalArgumentException.class, () -> SearchCriteria.builder().pageSize(0)).getMessage());
        assertEquals("currentPage is 1-based and must be at least 1, but was 0",
                assertThrows(IllegalArgumentException.class, () -> SearchCriteria.builder().currentPage(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SearchCriteria.builder().build().withPageSize(-1));
        assertEquals("Invalid field name ' ': a field name is letters, digits, '_' and '.', not starting with a digit",
                assertThrows(IllegalArgumentException.class, () -> Filter.of(" ", "eq", "x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SortOrder("9x", Direction.ASC));
        assertEquals("Condition 'eq' on field 'a' needs a value",
                assertThrows(IllegalArgumentException.class, () -> Filter.of("a", "eq", null)).getMessage());
        assertEquals("Condition 'null' on field 'a' takes no value, but was given 'x'",
                assertThrows(IllegalArgumentException.class, () -> Filter.of("a", "null", "x")).getMessage());
        assertEquals("A list of values for field 'a' needs condition in or nin, not 'eq'",
                assertThrows(IllegalArgumentException.class, () -> Filter.of("a", "eq", List.of(1, 2))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Filter.of("a", "in", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Filter.of("a", "in", List.of("x,y")));
        assertThrows(IllegalArgumentException.class, () -> SearchCriteria.builder().anyOf());
        assertThrows(IllegalArgumentException.class, () -> SearchCriteria.builder().build().and(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Filter.of("a", null, "x"));
        FilterSyntaxException syntax = assertThrows(FilterSyntaxException.class,
                () -> SearchCriteria.builder().sortOrders("updated_at up"));
        assertTrue(syntax.getMessage().startsWith("Invalid sortOrders at column 12: expected asc or desc but found 'up'\n"));
    }
}
