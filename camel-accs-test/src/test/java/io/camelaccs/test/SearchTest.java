package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** searchCriteria semantics over a small catalog whose every value is known. */
class SearchTest {

    private static final AdjustableClock CLOCK = new AdjustableClock(Instant.parse("2026-01-01T10:00:00Z"));

    private static AccsSimulator sim;
    private static AccsSimulator quirky;
    private static SimClient client;

    @BeforeAll
    static void start() {
        sim = AccsSimulator.builder().products(0).orders(0).clock(CLOCK).build().start();
        quirky = AccsSimulator.builder().products(0).orders(0).clock(CLOCK).lastPageQuirk(true).build().start();
        for (AccsSimulator s : List.of(sim, quirky)) {
            CLOCK.set(Instant.parse("2026-01-01T10:00:00Z"));
            add(s, "A-1", "Alpha Tee", 10, "simple", 1, "sale,new", 1.0, "Red");
            add(s, "A-2", "Alpha Hoodie", 25.5, "simple", 2, "new", 2.0, "Blue");
            CLOCK.set(Instant.parse("2026-01-02T10:00:00Z"));
            add(s, "B-1", "Beta Bag", 9.99, "virtual", 1, "sale", null, "Red");
            CLOCK.set(Instant.parse("2026-01-03T10:00:00Z"));
            add(s, "B-2", "Beta Bottle", 100, "configurable", 1, null, 0.5, "Green");
            add(s, "C-1", "Gamma 50% Off", 2, "simple", 1, "clearance,sale", 3.0, "Blue");
            CLOCK.set(Instant.parse("2026-01-04T10:00:00Z"));
            add(s, "C-2", "gamma watch", 250, "virtual", 2, null, null, "Black");
        }
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
        quirky.close();
    }

    private static void add(AccsSimulator s, String sku, String name, double price, String type, int status,
                            String tags, Double weight, String color) {
        ObjectNode p = SimClient.JSON.createObjectNode().put("sku", sku).put("name", name).put("price", price)
                .put("type_id", type).put("status", status);
        if (weight != null) {
            p.put("weight", weight);
        }
        var custom = p.putArray("custom_attributes");
        custom.addObject().put("attribute_code", "color").put("value", color);
        if (tags != null) {
            custom.addObject().put("attribute_code", "tags").put("value", tags);
        }
        s.products().upsert(p);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "type_id    | eq      | simple                  | A-1 A-2 C-1",
        "type_id    | neq     | simple                  | B-1 B-2 C-2",
        "price      | gt      | 10                      | A-2 B-2 C-2",
        "price      | gteq    | 10                      | A-1 A-2 B-2 C-2",
        "price      | moreq   | 100                     | B-2 C-2",
        "price      | lt      | 10                      | B-1 C-1",
        "price      | lteq    | 10                      | A-1 B-1 C-1",
        "updated_at | from    | 2026-01-03              | B-2 C-1 C-2",
        "updated_at | to      | 2026-01-02 23:59:59     | A-1 A-2 B-1",
        "updated_at | eq      | 2026-01-03 10:00:00     | B-2 C-1",
        "sku        | in      | A-1,B-2,Z-9             | A-1 B-2",
        "sku        | nin     | A-1,B-2                 | A-2 B-1 C-1 C-2",
        "name       | like    | alpha%                  | A-1 A-2",
        "sku        | like    | _-1                     | A-1 B-1 C-1",
        "name       | like    | %50\\%%                 | C-1",
        "name       | nlike   | Beta%                   | A-1 A-2 C-1 C-2",
        "tags       | finset  | sale                    | A-1 B-1 C-1",
        "tags       | nfinset | sale                    | A-2",
        "weight     | null    | NULL                    | B-1 C-2",
        "weight     | notnull | NULL                    | A-1 A-2 B-2 C-1",
        "color      | eq      | Blue                    | A-2 C-1",
        "id         | gt      | 4                       | C-1 C-2",
        "entity_id  | lteq    | 2                       | A-1 A-2",
    })
    void conditionTypes(String field, String condition, String value, String expected) {
        Map<String, String> params = filter(0, 0, field, condition, value);
        params.put("searchCriteria[sortOrders][0][field]", "sku");

        JsonNode result = client.get("/V1/products" + SimClient.search(params)).json();

        assertEquals(List.of(expected.split(" ")), skus(result));
        assertEquals(expected.split(" ").length, result.get("total_count").asInt());
    }

    @Test
    void everyConditionTypeIsCovered() {
        assertEquals(17, Condition.TYPES.size());
    }

    @Test
    void groupsAreAndedFiltersInsideOred() {
        Map<String, String> params = filter(0, 0, "type_id", "eq", "simple");
        params.putAll(filter(0, 1, "type_id", "eq", "virtual"));
        params.putAll(filter(1, 0, "status", "eq", "1"));

        assertEquals(List.of("A-1", "B-1", "C-1"), skus(client.get("/V1/products" + SimClient.search(params)).json()));
    }

    @Test
    void camelCaseNamesAndDefaultConditionWork() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("searchCriteria[filterGroups][0][filters][0][field]", "type_id");
        params.put("searchCriteria[filterGroups][0][filters][0][value]", "virtual");
        params.put("searchCriteria[filterGroups][1][filters][0][field]", "status");
        params.put("searchCriteria[filterGroups][1][filters][0][value]", "2");
        params.put("searchCriteria[filterGroups][1][filters][0][conditionType]", "eq");

        JsonNode result = client.get("/V1/products" + SimClient.search(params)).json();

        assertEquals(List.of("C-2"), skus(result));
        assertEquals("eq", result.at("/search_criteria/filter_groups/0/filters/0/condition_type").asText());
    }

    @Test
    void sortsByManyKeys() {
        Map<String, String> params = SimClient.params("searchCriteria[sortOrders][0][field]", "updated_at",
                "searchCriteria[sortOrders][0][direction]", "DESC", "searchCriteria[sortOrders][1][field]", "sku",
                "searchCriteria[sortOrders][1][direction]", "ASC");

        assertEquals(List.of("C-2", "B-2", "C-1", "B-1", "A-1", "A-2"),
                skus(client.get("/V1/products" + SimClient.search(params)).json()));
    }

    @Test
    void keysetPagingAsTheConsumerDoesIt() {
        // after (2026-01-03 10:00:00, id 4): updated_at gteq v AND (updated_at gt v OR entity_id gt 4)
        Map<String, String> params = filter(0, 0, "updated_at", "gteq", "2026-01-03 10:00:00");
        params.putAll(filter(1, 0, "updated_at", "gt", "2026-01-03 10:00:00"));
        params.putAll(filter(1, 1, "entity_id", "gt", "4"));
        params.putAll(SimClient.params("searchCriteria[sortOrders][0][field]", "updated_at",
                "searchCriteria[sortOrders][1][field]", "entity_id", "searchCriteria[pageSize]", "10",
                "searchCriteria[currentPage]", "1"));

        assertEquals(List.of("C-1", "C-2"), skus(client.get("/V1/products" + SimClient.search(params)).json()));
    }

    @Test
    void sortsNumbersNumerically() {
        Map<String, String> params = SimClient.params("searchCriteria[sortOrders][0][field]", "price");

        assertEquals(List.of("C-1", "B-1", "A-1", "A-2", "B-2", "C-2"),
                skus(client.get("/V1/products" + SimClient.search(params)).json()));
    }

    @Test
    void pagesAndCountsTotal() {
        JsonNode second = page(client, 4, 2);
        assertEquals(List.of("C-1", "C-2"), skus(second));
        assertEquals(6, second.get("total_count").asInt());
        assertEquals(4, second.at("/search_criteria/page_size").asInt());
        assertEquals(2, second.at("/search_criteria/current_page").asInt());

        JsonNode first = client.get("/V1/products" + SimClient.search(SimClient.params(
                "searchCriteria[pageSize]", "4", "searchCriteria[sortOrders][0][field]", "sku"))).json();
        assertEquals(List.of("A-1", "A-2", "B-1", "B-2"), skus(first));
    }

    @Test
    void pagePastTheEndIsEmptyWithoutQuirk() {
        JsonNode past = page(client, 4, 3);

        assertEquals(List.of(), skus(past));
        assertEquals(6, past.get("total_count").asInt());
    }

    @Test
    void pagePastTheEndRepeatsTheLastPageWithQuirk() {
        JsonNode past = page(new SimClient(quirky), 4, 3);

        assertEquals(List.of("C-1", "C-2"), skus(past));
        assertEquals(6, past.get("total_count").asInt());
    }

    @Test
    void withoutPageSizeEverythingComes() {
        JsonNode all = client.get("/V1/products?searchCriteria").json();

        assertEquals(6, all.get("items").size());
        assertEquals(6, all.get("total_count").asInt());
        assertEquals(List.of("A-1", "A-2", "B-1", "B-2", "C-1", "C-2"), skus(all)); // entity id order
    }

    @Test
    void searchCriteriaIsRequired() {
        SimClient.Reply reply = client.get("/V1/products");

        assertEquals(400, reply.status());
        assertEquals("searchCriteria", reply.json().at("/parameters/fieldName").asText());
    }

    @Test
    void unknownConditionIsRefused() {
        SimClient.Reply reply = client.get("/V1/products" + SimClient.search(filter(0, 0, "sku", "near", "A")));

        assertEquals(400, reply.status());
        assertEquals("condition_type", reply.json().at("/parameters/fieldName").asText());
    }

    @Test
    void badPageSizeIsRefused() {
        assertEquals(400, client.get("/V1/products?searchCriteria[pageSize]=many").status());
    }

    @Test
    void searchCriteriaIsEchoed() {
        Map<String, String> params = filter(0, 0, "sku", "like", "A%");
        params.put("searchCriteria[sortOrders][0][field]", "price");
        params.put("searchCriteria[sortOrders][0][direction]", "desc");

        JsonNode echo = client.get("/V1/products" + SimClient.search(params)).json().get("search_criteria");

        assertEquals("sku", echo.at("/filter_groups/0/filters/0/field").asText());
        assertEquals("A%", echo.at("/filter_groups/0/filters/0/value").asText());
        assertEquals("like", echo.at("/filter_groups/0/filters/0/condition_type").asText());
        assertEquals("DESC", echo.at("/sort_orders/0/direction").asText());
    }

    @Test
    void storeViewNamesShowInSearches() {
        sim.products().storeName("A-1", "fr", "T-shirt Alpha");
        Map<String, String> params = filter(0, 0, "sku", "eq", "A-1");

        JsonNode fr = client.commerce("GET", "/V1/products" + SimClient.search(params), null, Map.of("Store", "fr"))
                .json();
        JsonNode all = client.commerce("GET", "/V1/products" + SimClient.search(params), null, Map.of("Store", "all"))
                .json();

        assertEquals("T-shirt Alpha", fr.at("/items/0/name").asText());
        assertEquals("Alpha Tee", all.at("/items/0/name").asText());
    }

    @Test
    void searchesSeededSourceItemsAndOrders() {
        try (AccsSimulator seeded = AccsSimulator.builder().products(200).orders(30).build().start()) {
            SimClient c = new SimClient(seeded);
            JsonNode eu = c.get("/V1/inventory/source-items" + SimClient.search(
                    filter(0, 0, "source_code", "eq", "eu_warehouse"))).json();
            long expected = seeded.sourceItems().snapshot().stream()
                    .filter(i -> i.path("source_code").asText().equals("eu_warehouse")).count();
            assertTrue(expected > 0);
            assertEquals(expected, eu.get("total_count").asLong());
            eu.get("items").forEach(i -> assertEquals("eu_warehouse", i.get("source_code").asText()));

            Map<String, String> params = filter(0, 0, "status", "in", "processing,complete");
            params.put("searchCriteria[sortOrders][0][field]", "updated_at");
            params.put("searchCriteria[sortOrders][1][field]", "entity_id");
            params.put("searchCriteria[pageSize]", "5");
            JsonNode orders = c.get("/V1/orders" + SimClient.search(params)).json();
            assertEquals(5, orders.get("items").size());
            String previous = "";
            for (JsonNode o : orders.get("items")) {
                assertTrue(List.of("processing", "complete").contains(o.get("status").asText()));
                assertTrue(o.get("updated_at").asText().compareTo(previous) >= 0);
                previous = o.get("updated_at").asText();
            }
        }
    }

    static JsonNode page(SimClient c, int size, int page) {
        return c.get("/V1/products" + SimClient.search(SimClient.params(
                "searchCriteria[pageSize]", Integer.toString(size),
                "searchCriteria[currentPage]", Integer.toString(page),
                "searchCriteria[sortOrders][0][field]", "sku"))).json();
    }

    static Map<String, String> filter(int group, int index, String field, String condition, String value) {
        String prefix = "searchCriteria[filter_groups][" + group + "][filters][" + index + "]";
        Map<String, String> params = new LinkedHashMap<>();
        params.put(prefix + "[field]", field);
        if (value != null) {
            params.put(prefix + "[value]", value);
        }
        params.put(prefix + "[condition_type]", condition);
        return params;
    }

    static List<String> skus(JsonNode result) {
        List<String> skus = new ArrayList<>();
        result.get("items").forEach(i -> skus.add(i.get("sku").asText()));
        return skus;
    }
}
