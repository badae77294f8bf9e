package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start time with a realistic catalog, and the server's address. */
class StartupTest {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTest.class);

    @Test
    void startsTenThousandProductsQuickly() {
        try (AccsSimulator sim = AccsSimulator.builder().products(10_000).orders(1_000).build().start()) {
            Duration took = sim.startDuration();
            LOG.info("Started with 10 000 products and 1 000 orders in {} ms", took.toMillis());
            assertEquals(10_000, sim.products().size());
            assertEquals(1_000, sim.orders().size());
            // the target is well under 1 s; the bound only catches a pathological regression, as build machines are
            // shared and a busy one stretches any wall-clock time
            assertTrue(took.toSeconds() < 20, "start took " + took.toMillis() + " ms");
            SimClient client = new SimClient(sim);
            JsonNode page = client.get("/V1/products?searchCriteria[pageSize]=1").json();
            assertEquals(10_000, page.get("total_count").asInt());
        }
    }

    @Test
    void listensOnLoopbackOnlyAndCloses() {
        AccsSimulator sim = AccsSimulator.builder().products(1).orders(0).build().start();
        assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/sim-tenant"));
        assertEquals("http://127.0.0.1:" + sim.port(), sim.imsUrl());
        assertEquals(sim.baseUrl(), sim.componentProperties().get("baseUrl"));
        assertEquals(java.util.List.of("baseUrl", "imsUrl", "clientId", "clientSecret", "orgId"),
                java.util.List.copyOf(sim.componentProperties().keySet()));
        assertTrue(!sim.toString().contains(sim.clientSecret()));

        sim.close();
        sim.close();

        assertTrue(!sim.isRunning());
    }
}
