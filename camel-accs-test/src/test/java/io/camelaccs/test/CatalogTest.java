package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The seeded data: realistic, deterministic, with the traps sync jobs must handle. */
class CatalogTest {

    private final CatalogGenerator generator = new CatalogGenerator(42);
    private final List<ObjectNode> products = generator.products(1000);

    @Test
    void productsLookLikeCommerceProducts() {
        ObjectNode p = products.get(10);
        for (String field : List.of("id", "sku", "name", "price", "status", "visibility", "type_id", "attribute_set_id",
                "created_at", "updated_at", "extension_attributes", "custom_attributes")) {
            assertTrue(p.has(field), field);
        }
        assertTrue(p.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertTrue(FieldLookup.value(p, "description").asText().length() > 100);
        double average = products.stream().mapToInt(n -> Json.bytes(n).length).average().orElseThrow();
        assertTrue(average > 1500 && average < 3000, "about 2 KB per product, was " + average);
        assertEquals(Set.of("simple", "virtual", "configurable"),
                products.stream().map(n -> n.get("type_id").asText()).collect(Collectors.toSet()));
    }

    @Test
    void manyProductsShareTimestamps() {
        Map<String, Integer> perUpdatedAt = new HashMap<>();
        products.forEach(p -> perUpdatedAt.merge(p.get("updated_at").asText(), 1, Integer::sum));
        assertTrue(perUpdatedAt.size() < products.size() * 0.8, "shared updated_at values");
        assertTrue(perUpdatedAt.values().stream().anyMatch(n -> n >= 10), "a mass update touching many products");
        long distinctCreated = products.stream().map(p -> p.get("created_at").asText()).distinct().count();
        assertTrue(distinctCreated < products.size());
        products.forEach(p -> assertTrue(p.get("updated_at").asText().compareTo(p.get("created_at").asText()) >= 0));
    }

    @Test
    void someSkusNeedEncoding() {
        assertTrue(products.get(CatalogGenerator.SLASH_SKU_EVERY - 1).get("sku").asText().matches(".+ .+/.+"));
        assertTrue(products.get(CatalogGenerator.PLUS_SKU_EVERY - 1).get("sku").asText().contains("+"));
        assertEquals(products.size(), products.stream().map(p -> p.get("sku").asText()).distinct().count());
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        List<ObjectNode> again = new CatalogGenerator(42).products(1000);
        List<ObjectNode> other = new CatalogGenerator(43).products(1000);

        assertEquals(products, again);
        assertNotEquals(products, other);
        assertEquals(generator.orders(50, products), new CatalogGenerator(42).orders(50, again));
    }

    @Test
    void ordersAndSourceItems() {
        List<ObjectNode> orders = generator.orders(100, products);
        ObjectNode o = orders.get(0);
        for (String field : List.of("entity_id", "increment_id", "status", "updated_at", "created_at", "grand_total",
                "customer_email", "items")) {
            assertTrue(o.has(field), field);
        }
        assertTrue(o.get("grand_total").asDouble() > o.get("subtotal").asDouble());
        List<ObjectNode> items = generator.sourceItems(products);
        assertTrue(items.size() > products.size() / 2);
        assertTrue(items.stream().anyMatch(i -> i.get("source_code").asText().equals("eu_warehouse")));
    }
}
