package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Request counts and the request log. */
@AccsSimulatorTest(products = 3, orders = 1)
class RequestLogTest {

    @Test
    void countsByMethodAndPrefixAndKeepsDetails(AccsSimulator sim) {
        sim.resetCounters();
        SimClient client = new SimClient(sim);
        String sku = sim.products().skus().get(0);

        client.commerce("GET", "/V1/products/" + SimClient.sku(sku) + "?fields=sku", null, Map.of("Store", "de"));
        client.get("/V1/orders/1");
        client.put("/V1/products/NEW%201", Map.of("product", Map.of("name", "n")));

        assertEquals(1, sim.tokenRequests());
        assertEquals(1, sim.requests("POST", "/ims/token/v3"));
        assertEquals(3, sim.requests(null, "/V1/"));
        assertEquals(2, sim.requests("*", "/V1/products"));
        assertEquals(1, sim.requests("get", "/V1/products"));
        assertEquals(1, sim.requests("PUT", "/V1/products/NEW 1"));
        assertEquals(4, sim.requests(null, null));

        RecordedRequest get = sim.lastRequest("GET", "/V1/products");
        assertNotNull(get);
        assertEquals("de", get.storeCode());
        assertEquals("fields=sku", get.query());
        assertEquals(List.of("sku"), get.queryParameters().get("fields"));
        assertEquals(sim.clientId(), get.header("X-API-KEY"));
        RecordedRequest put = sim.lastRequest("PUT", null);
        assertTrue(put.body().contains("\"name\""));
        assertEquals("/V1/products/NEW 1", put.decodedPath());

        RecordedRequest token = sim.lastRequest("POST", "/ims/token/v3");
        assertFalse(token.toString().contains(sim.clientSecret()), "toString shows no secret");
        assertFalse(get.toString().contains("Bearer"));

        sim.resetCounters();
        assertEquals(0, sim.requests(null, null));
        assertEquals(0, sim.tokenRequests());
        assertTrue(sim.requestLog().isEmpty());
    }
}
