package io.camelaccs.rest;

import java.util.List;
import java.util.Map;

import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.SortOrder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysetTest {

    private static final List<String> ITEM_IDS = List.of("entity_id", "id");
    private final SearchCriteria base = SearchCriteria.builder().filter("status eq 'pending'").pageSize(100).build();

    private static Keyset keyset(String sort) {
        return Keyset.of(sort == null ? List.of() : SearchCriteria.builder().sortOrders(sort).build().sortOrders(),
                "entity_id", ITEM_IDS).orElseThrow();
    }

    @Test
    void withoutASortTheWalkIsByIdAlone() {
        Keyset k = keyset(null);
        assertEquals("status eq 'pending' and entity_id gt '42' sort entity_id ASC pageSize 100 currentPage 1",
                k.after(base, new Keyset.Key(null, "42")).toString());
    }

    @Test
    void aDescendingIdSortWalksDown() {
        assertEquals("status eq 'pending' and entity_id lt '42' sort entity_id DESC pageSize 100 currentPage 1",
                keyset("entity_id desc").after(base, new Keyset.Key(null, "42")).toString());
    }

    @Test
    void aSortFieldComesFirstAndTheIdBreaksTies() {
        Keyset k = keyset("updated_at asc");
        assertEquals("status eq 'pending' and updated_at gteq '2026-01-01 10:00:00' and (updated_at gt"
                     + " '2026-01-01 10:00:00' or entity_id gt '42') sort updated_at ASC, entity_id ASC pageSize 100"
                     + " currentPage 1", k.after(base, new Keyset.Key("2026-01-01 10:00:00", "42")).toString());
        assertEquals("status eq 'pending' and (updated_at notnull or entity_id gt '42') sort updated_at ASC, entity_id"
                     + " ASC pageSize 100 currentPage 1", k.after(base, new Keyset.Key(null, "42")).toString(),
                "among the leading NULLs");
    }

    @Test
    void descendingKeepsTheTrailingNulls() {
        Keyset k = keyset("price desc");
        assertEquals("status eq 'pending' and (price lteq '10' or price null) and (price lt '10' or entity_id gt '42'"
                     + " or price null) sort price DESC, entity_id ASC pageSize 100 currentPage 1",
                k.after(base, new Keyset.Key("10", "42")).toString());
        assertEquals("status eq 'pending' and price null and entity_id gt '42' sort price DESC, entity_id ASC"
                     + " pageSize 100 currentPage 1", k.after(base, new Keyset.Key(null, "42")).toString());
    }

    @Test
    void twoSortFieldsHaveNoKeysetButAnIdTieBreaker() {
        List<SortOrder> sort = SearchCriteria.builder().sortOrders("status asc, created_at desc").build().sortOrders();
        assertTrue(Keyset.of(sort, "entity_id", ITEM_IDS).isEmpty());
        assertEquals(List.of(sort.get(0), sort.get(1), new SortOrder("entity_id", Direction.ASC)),
                Keyset.withTieBreaker(sort, "entity_id"));
    }

    @Test
    void keysAreReadFromTheItemAsCommerceSentIt() {
        Keyset k = keyset("special_price asc");
        assertEquals(new Keyset.Key("9.5", "7"), k.keyOf(Map.of("id", 7, "custom_attributes",
                List.of(Map.of("attribute_code", "special_price", "value", "9.5")))));
        assertEquals(new Keyset.Key(null, "7"), k.keyOf(Map.of("entity_id", 7)));
        assertNull(k.keyOf(Map.of("sku", "MB|01")), "no id: no keyset position");
    }

    @Test
    void aWalkCanBeBoundedToAnIdRange() {
        Keyset k = keyset(null);
        assertEquals("status eq 'pending' and entity_id gteq '1000' and entity_id lteq '1999' and entity_id gt '1500'"
                     + " sort entity_id ASC pageSize 100 currentPage 1",
                k.after(k.within(base, 1000, 1999), new Keyset.Key(null, "1500")).toString());
    }
}
