package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Products, source items and orders over HTTP, with SKUs that need encoding. */
class ProductCrudTest {

    private static final AdjustableClock CLOCK = new AdjustableClock(Instant.parse("2026-02-01T12:00:00Z"));

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR
            = new SimulatorPerClass(AccsSimulator.builder().products(50).orders(10).clock(CLOCK));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @BeforeEach
    void resetCounters() {
        sim.resetCounters();
    }

    @Test
    void putCreatesAndReadsBackSkuWithSpaceAndSlash() {
        String sku = "24 MB/01";
        SimClient.Reply created = client.put("/V1/products/" + SimClient.sku(sku),
                Map.of("product", Map.of("name", "Joust Duffle Bag", "price", 34, "type_id", "simple")));

        assertEquals(200, created.status(), created.raw().body());
        assertEquals(sku, created.json().get("sku").asText());
        assertTrue(created.json().get("id").asLong() > 50);
        JsonNode read = client.get("/V1/products/24%20MB%2F01").json();
        assertEquals("Joust Duffle Bag", read.get("name").asText());
        assertEquals(34, read.get("price").asInt());
        assertTrue(sim.products().get(sku).isPresent());
        assertEquals(1, sim.requests("PUT", "/V1/products/24 MB/01"));
        assertEquals(1, sim.requests("PUT", "/V1/products/24%20MB%2F01"));
    }

    @Test
    void plusInSkuIsAPlus() {
        client.put("/V1/products/A%2BB", Map.of("product", Map.of("name", "Plus")));

        assertTrue(sim.products().get("A+B").isPresent());
        assertEquals("Plus", client.get("/V1/products/A%2BB").json().get("name").asText());
        assertEquals(200, client.get("/V1/products/A+B").status()); // a literal + in a path is a plus too
    }

    @Test
    void putMergesAndBumpsUpdatedAt() {
        String sku = sim.products().skus().get(3);
        JsonNode before = client.get("/V1/products/" + SimClient.sku(sku)).json();
        CLOCK.advance(Duration.ofMinutes(1));

        JsonNode after = client.put("/V1/products/" + SimClient.sku(sku), Map.of("product", Map.of("price", 1.5,
                "custom_attributes", List.of(Map.of("attribute_code", "color", "value", "Teal"))))).json();

        assertEquals(1.5, after.get("price").asDouble());
        assertEquals(before.get("name"), after.get("name"));
        assertEquals(before.get("created_at"), after.get("created_at"));
        assertEquals("2026-02-01 12:01:00", after.get("updated_at").asText());
        assertEquals(before.get("custom_attributes").size(), after.get("custom_attributes").size());
        assertEquals("Teal", FieldLookup.value(after, "color").asText());
    }

    @Test
    void deleteAnswersTrueThenNotFound() {
        String sku = sim.products().skus().stream().skip(5).filter(s -> !sim.sourceItems().forSku(s).isEmpty())
                .findFirst().orElseThrow();

        SimClient.Reply deleted = client.delete("/V1/products/" + SimClient.sku(sku));

        assertEquals(200, deleted.status());
        assertEquals("true", deleted.raw().body());
        assertTrue(sim.sourceItems().forSku(sku).isEmpty());
        SimClient.Reply missing = client.get("/V1/products/" + SimClient.sku(sku));
        assertEquals(404, missing.status());
        assertEquals(ProductResource.NOT_FOUND, missing.json().get("message").asText());
        assertEquals(404, client.delete("/V1/products/" + SimClient.sku(sku)).status());
    }

    @Test
    void postCreatesAndRequiresSku() {
        SimClient.Reply created = client.post("/V1/products", Map.of("product", Map.of("sku", "NEW-1", "name", "New")));
        assertEquals(200, created.status());
        assertNotNull(created.json().get("id"));

        SimClient.Reply noSku = client.post("/V1/products", Map.of("product", Map.of("name", "No SKU")));
        assertEquals(400, noSku.status());
        assertEquals("The \"%1\" attribute value is empty. Set the attribute and try again.",
                noSku.json().get("message").asText());
        assertEquals("sku", noSku.json().get("parameters").get(0).asText());

        SimClient.Reply noProduct = client.post("/V1/products", Map.of("item", Map.of()));
        assertEquals(400, noProduct.status());
        assertEquals("product", noProduct.json().at("/parameters/fieldName").asText());

        assertEquals(400, client.post("/V1/products", "{not json").status());
    }

    @Test
    void fieldsFilterLimitsTheResponse() {
        String fields = "items[sku,name,extension_attributes[website_ids]],total_count";
        JsonNode result = client.get("/V1/products?searchCriteria[pageSize]=2&fields=" + UrlCodec.encode(fields))
                .json();

        assertEquals(List.of("items", "total_count"), names(result));
        assertEquals(List.of("sku", "name", "extension_attributes"), names(result.get("items").get(0)));
        assertEquals(List.of("website_ids"), names(result.at("/items/0/extension_attributes")));

        String sku = sim.products().skus().get(0);
        JsonNode one = client.get("/V1/products/" + SimClient.sku(sku) + "?fields=sku,price").json();
        assertEquals(List.of("sku", "price"), names(one));
    }

    @Test
    void storeHeaderScopesNamesAndIsLogged() {
        String sku = sim.products().skus().get(1);
        String path = "/V1/products/" + SimClient.sku(sku);
        String globalName = sim.products().get(sku).get().get("name").asText();

        client.commerce("PUT", path, Map.of("product", Map.of("name", "Nom français")), Map.of("Store", "fr"));

        assertEquals("Nom français", client.commerce("GET", path, null, Map.of("Store", "fr")).json().get("name")
                .asText());
        assertEquals(globalName, client.commerce("GET", path, null, Map.of("Store", "all")).json().get("name")
                .asText());
        assertEquals(globalName, client.get(path).json().get("name").asText());
        assertEquals("Nom français", sim.products().storeName(sku, "fr").orElseThrow());
        assertEquals("fr", sim.lastRequest("PUT", "/V1/products").storeCode());
        assertEquals(400, client.commerce("GET", path, null, Map.of("Store", "atlantis")).status());
    }

    @Test
    void sourceItemsUpsertAndDelete() {
        String body = "{\"sourceItems\":[{\"sku\":\"24 MB/01\",\"source_code\":\"default\",\"quantity\":7,"
                      + "\"status\":1},"
                      + "{\"sku\":\"24 MB/01\",\"source_code\":\"eu_warehouse\",\"quantity\":0,\"status\":0}]}";

        SimClient.Reply saved = client.post("/V1/inventory/source-items", body);

        assertEquals(200, saved.status());
        assertEquals("[]", saved.raw().body());
        assertEquals(7, sim.sourceItems().get("24 MB/01", "default").orElseThrow().get("quantity").asInt());
        client.post("/V1/inventory/source-items",
                "{\"sourceItems\":[{\"sku\":\"24 MB/01\",\"source_code\":\"default\",\"quantity\":3}]}");
        assertEquals(3, sim.sourceItems().get("24 MB/01", "default").orElseThrow().get("quantity").asInt());
        assertEquals(2, sim.sourceItems().forSku("24 MB/01").size());

        client.post("/V1/inventory/source-items-delete",
                "{\"sourceItems\":[{\"sku\":\"24 MB/01\",\"source_code\":\"eu_warehouse\"}]}");
        assertEquals(1, sim.sourceItems().forSku("24 MB/01").size());

        SimClient.Reply invalid = client.post("/V1/inventory/source-items",
                "{\"sourceItems\":[{\"sku\":\"X\",\"source_code\":\"default\"},{\"source_code\":\"default\"}]}");
        assertEquals(400, invalid.status());
        assertTrue(sim.sourceItems().get("X", "default").isEmpty(), "all or nothing");
    }

    @Test
    void ordersById() {
        JsonNode order = client.get("/V1/orders/3").json();
        assertEquals(3, order.get("entity_id").asInt());
        assertEquals("000000003", order.get("increment_id").asText());
        for (String field : List.of("status", "updated_at", "created_at", "grand_total", "customer_email", "items")) {
            assertTrue(order.has(field), field);
        }
        assertTrue(order.get("items").size() > 0);

        assertEquals(404, client.get("/V1/orders/999").status());
        assertEquals(400, client.get("/V1/orders/abc").status());
    }

    @Test
    void orderUpdatesFromJavaBumpUpdatedAt() {
        CLOCK.advance(Duration.ofHours(1));
        JsonNode changed = sim.orders().setStatus(2, "complete").orElseThrow();

        assertEquals(SimulatorTime.format(CLOCK.instant()), changed.get("updated_at").asText());
        assertEquals("complete", client.get("/V1/orders/2").json().get("status").asText());
    }

    @Test
    void unknownRoutesAndMethods() {
        assertEquals(404, client.get("/V1/categories/list?searchCriteria").status());
        assertEquals(404, client.commerce("PATCH", "/V1/products/x", null, Map.of()).status());
        assertEquals(404, client.post("/V1/orders", Map.of()).status());
        assertEquals(404, client.get("/V2/products").status());
        assertEquals("Request does not match any route.", client.get("/rest/V1/products").json().get("message")
                .asText());
    }

    @Test
    void storeViews() {
        JsonNode views = client.get("/V1/store/storeViews").json();

        assertEquals(List.of("admin", "default", "fr", "de"), views.findValuesAsText("code"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
