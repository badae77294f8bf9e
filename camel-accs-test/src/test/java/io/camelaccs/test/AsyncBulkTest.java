package io.camelaccs.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Asynchronous and bulk calls, and polling their status. */
class AsyncBulkTest {

    /** Applies operations only when polled, so every step is deterministic. */
    @RegisterExtension
    static final SimulatorPerClass SIMULATOR
            = new SimulatorPerClass(AccsSimulator.builder().products(10).orders(0).bulkDelay(null));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @Test
    void bulkPutBySkuReportsOpenThenOutcomes() {
        List<Map<String, Object>> body = List.of(
                Map.of("product", Map.of("sku", "BULK 1/A", "name", "Bulk one", "price", 10)),
                Map.of("product", Map.of("name", "no sku here")),
                Map.of("product", Map.of("sku", "BULK-2", "name", "Bulk two")));

        SimClient.Reply accepted = client.put("/V1/async/bulk/products/bySku", body);

        assertEquals(200, accepted.status(), accepted.raw().body());
        String uuid = accepted.json().get("bulk_uuid").asText();
        assertFalse(accepted.json().get("errors").asBoolean());
        JsonNode items = accepted.json().get("request_items");
        assertEquals(3, items.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, items.get(i).get("id").asInt());
            assertEquals("accepted", items.get(i).get("status").asText());
            assertEquals(64, items.get(i).get("data_hash").asText().length());
        }
        assertTrue(sim.products().get("BULK 1/A").isEmpty(), "nothing applied before the status is polled");

        JsonNode first = status(uuid);
        assertEquals(List.of(4, 4, 4), statuses(first));
        assertEquals(3, first.get("operation_count").asInt());
        assertEquals(uuid, first.get("bulk_id").asText());

        JsonNode second = status(uuid);
        assertEquals(List.of(1, 3, 1), statuses(second));
        JsonNode failed = second.get("operations_list").get(1);
        assertTrue(failed.get("result_message").asText().contains("sku"), failed.toString());
        assertEquals(400, failed.get("error_code").asInt());
        assertEquals("Bulk one", sim.products().get("BULK 1/A").orElseThrow().get("name").asText());
        assertTrue(sim.products().get("BULK-2").isPresent());

        assertEquals(List.of(1, 3, 1), statuses(status(uuid)), "stable once done");
    }

    @Test
    void asyncSingleCall() {
        SimClient.Reply accepted = client.post("/V1/async/products",
                Map.of("product", Map.of("sku", "ASYNC-1", "name", "Async")));

        String uuid = accepted.json().get("bulk_uuid").asText();
        assertEquals(1, accepted.json().get("request_items").size());
        assertEquals(List.of(4), statuses(status(uuid)));
        assertEquals(List.of(1), statuses(status(uuid)));
        assertEquals("Async", sim.products().get("ASYNC-1").orElseThrow().get("name").asText());
    }

    @Test
    void asyncPutTakesTheSkuFromThePath() {
        String uuid = client.put("/V1/async/products/" + SimClient.sku("ASYNC 2/B"),
                Map.of("product", Map.of("name", "Async two"))).json().get("bulk_uuid").asText();

        sim.bulks().processAll();

        assertEquals("Async two", sim.products().get("ASYNC 2/B").orElseThrow().get("name").asText());
        assertEquals(List.of(1), statuses(sim.bulks().status(uuid).orElseThrow()));
    }

    @Test
    void bulkSourceItemsAndDetailedStatus() {
        String uuid = client.post("/V1/async/bulk/inventory/source-items", List.of(
                Map.of("sourceItems", List.of(Map.of("sku", "S-1", "source_code", "default", "quantity", 5,
                        "status", 1))),
                Map.of("sourceItems", List.of(Map.of("sku", "S-2", "source_code", "default", "quantity", 0,
                        "status", 0)))))
                .json().get("bulk_uuid").asText();

        JsonNode detailed = client.get("/V1/bulk/" + uuid + "/detailed-status").json();
        assertEquals(4, detailed.at("/operations_list/0/status").asInt());
        assertTrue(detailed.at("/operations_list/0/serialized_data").asText().contains("S-1"));
        assertEquals(2, client.get("/V1/bulk/" + uuid + "/operation-status/4").json().asInt());

        assertEquals(List.of(1, 1), statuses(status(uuid)));
        assertEquals(2, client.get("/V1/bulk/" + uuid + "/operation-status/1").json().asInt());
        assertEquals(5, sim.sourceItems().get("S-1", "default").orElseThrow().get("quantity").asInt());
    }

    @Test
    void rejectsElementsThatAreNotObjectsAndBodiesThatAreNotArrays() {
        SimClient.Reply mixed = client.put("/V1/async/bulk/products/bySku",
                List.of(Map.of("product", Map.of("sku", "OK-1")), "not an object"));
        assertTrue(mixed.json().get("errors").asBoolean());
        assertEquals("rejected", mixed.json().at("/request_items/1/status").asText());
        String uuid = mixed.json().get("bulk_uuid").asText();
        status(uuid);
        assertEquals(List.of(1, 5), statuses(status(uuid)));

        assertEquals(400, client.put("/V1/async/bulk/products/bySku", Map.of("product", Map.of())).status());
    }

    @Test
    void unknownAsyncRoutesAndBulks() {
        assertEquals(404, client.put("/V1/async/bulk/products/byName", List.of()).status());
        assertEquals(404, client.get("/V1/async/products").status());
        assertEquals(404, client.post("/V1/async/nothing", Map.of()).status());
        SimClient.Reply unknown = client.get("/V1/bulk/00000000-0000-0000-0000-000000000000/status");
        assertEquals(404, unknown.status());
        assertEquals("Bulk uuid %bulkUuid not exist", unknown.json().get("message").asText());
    }

    @Test
    void storeHeaderScopesAsyncOperations() {
        String sku = sim.products().skus().get(0);
        String uuid = client.commerce("PUT", "/V1/async/bulk/products/bySku",
                List.of(Map.of("product", Map.of("sku", sku, "name", "Nom"))), Map.of("Store", "fr"))
                .json().get("bulk_uuid").asText();

        sim.bulks().processAll();

        assertEquals(List.of(1), statuses(sim.bulks().status(uuid).orElseThrow()));
        assertEquals("Nom", sim.products().storeName(sku, "fr").orElseThrow());
    }

    @Test
    void backgroundAppliesWithoutPolling() {
        try (AccsSimulator background = AccsSimulator.builder().products(0).orders(0)
                .bulkDelay(Duration.ofMillis(10)).build().start()) {
            SimClient c = new SimClient(background);
            String uuid = c.put("/V1/async/bulk/products/bySku",
                    List.of(Map.of("product", Map.of("sku", "BG-1")))).json().get("bulk_uuid").asText();

            await().atMost(Duration.ofSeconds(5)).until(() -> background.products().get("BG-1").isPresent());

            assertEquals(0, background.bulks().pendingOperations());
            // the first poll still says open, so clients always exercise their polling
            assertEquals(List.of(4), statuses(c.get("/V1/bulk/" + uuid + "/status").json()));
            assertEquals(List.of(1), statuses(c.get("/V1/bulk/" + uuid + "/status").json()));
        }
    }

    private JsonNode status(String uuid) {
        SimClient.Reply reply = client.get("/V1/bulk/" + uuid + "/status");
        assertEquals(200, reply.status(), reply.raw().body());
        return reply.json();
    }

    private static List<Integer> statuses(JsonNode status) {
        List<Integer> list = new ArrayList<>();
        status.get("operations_list").forEach(o -> list.add(o.get("status").asInt()));
        return list;
    }
}
