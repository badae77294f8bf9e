package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The small pieces on their own. */
class UnitsTest {

    @Test
    void fieldsFilterNestsAndAppliesToLists() throws Exception {
        JsonNode body = SimClient.JSON.readTree("{\"items\":[{\"sku\":\"a\",\"name\":\"A\",\"price\":1,"
                                                + "\"ext\":{\"x\":1,\"y\":2}}],\"total_count\":1,"
                                                + "\"search_criteria\":{}}");

        JsonNode filtered = FieldsFilter.apply("items[sku,ext[y]],total_count", body);

        assertEquals("{\"items\":[{\"sku\":\"a\",\"ext\":{\"y\":2}}],\"total_count\":1}", filtered.toString());
        assertEquals("[]", FieldsFilter.apply("items[sku", body).toString());
        assertEquals(body, FieldsFilter.apply(null, body));
        assertNull(FieldsFilter.parse("a,,b"));
    }

    @Test
    void searchQueryReadsBothSpellings() {
        SearchQuery snake = SearchQuery.parse(Map.of(
                "searchCriteria[filter_groups][0][filters][0][field]", List.of("sku"),
                "searchCriteria[filter_groups][0][filters][0][condition_type]", List.of("null"),
                "searchCriteria[sort_orders][0][field]", List.of("id"),
                "searchCriteria[page_size]", List.of("5")));
        SearchQuery camel = SearchQuery.parse(Map.of(
                "searchCriteria[filterGroups][0][filters][0][field]", List.of("sku"),
                "searchCriteria[filterGroups][0][filters][0][conditionType]", List.of("NULL"),
                "searchCriteria[sortOrders][0][field]", List.of("id"),
                "searchCriteria[pageSize]", List.of("5")));

        assertEquals(snake.echo(), camel.echo());
        assertEquals(5, camel.pageSize());
        assertNull(camel.currentPage());
        assertThrows(CommerceException.class, () -> SearchQuery.parse(Map.of(
                "searchCriteria[sortOrders][0][field]", List.of("id"),
                "searchCriteria[sortOrders][0][direction]", List.of("sideways"))));
    }

    @Test
    void conditionsCompareNumbersNumericallyAndTextLexicographically() throws Exception {
        JsonNode item = SimClient.JSON.readTree(
                "{\"price\":9.5,\"sku\":\"b\",\"flag\":true,\"when\":\"2026-01-02 00:00:00\"}");

        assertTrue(Condition.of("price", "lt", "10").test(item));
        assertTrue(Condition.of("price", "eq", "9.50").test(item));
        assertTrue(Condition.of("sku", "gt", "a").test(item));
        assertTrue(Condition.of("flag", "eq", "1").test(item));
        assertTrue(Condition.of("when", "gteq", "2026-01-01").test(item));
        assertFalse(Condition.of("missing", "neq", "x").test(item), "NULL fails negated conditions too");
        assertTrue(Condition.of("missing", "null", null).test(item));
        assertTrue(Condition.of("sku", "like", "B").test(item), "like ignores case");
    }

    @Test
    void pathSegmentsDecodeWithoutTurningPlusIntoSpace() {
        RequestTarget target = RequestTarget.of("/t/V1/products/24%20MB%2F01+X?a=b+c", "/t");

        assertTrue(target.isCommerce());
        assertEquals(List.of("V1", "products", "24 MB/01+X"), target.segments());
        assertEquals("/V1/products/24%20MB%2F01+X", target.rawPath());
        assertEquals("b c", UrlCodec.decodeForm(target.rawQuery()).get("a").get(0));
        assertFalse(RequestTarget.of("/ims/token/v3", "/t").isCommerce());
    }

    @Test
    void commerceMessagesRender() {
        CommerceException e = new CommerceException(404, "Bulk uuid %bulkUuid not exist",
                Json.object().put("bulkUuid", "u"));
        assertEquals("Bulk uuid u not exist", e.renderedMessage());
        CommerceException positional = new CommerceException(400, "%1 and %2", Json.array().add("a").add("b"));
        assertEquals("a and b", positional.renderedMessage());
    }
}
