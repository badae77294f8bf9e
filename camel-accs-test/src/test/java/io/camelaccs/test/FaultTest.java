package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of injected fault, and that each one ends. */
class FaultTest {

    private static final String SEARCH = "/V1/products?searchCriteria[pageSize]=1";

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR = new SimulatorPerClass(AccsSimulator.builder().products(5).orders(2));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @BeforeEach
    void reset() {
        sim.faults().clear();
        client.token();
        sim.resetCounters();
    }

    @Test
    void throttlesWithRetryAfterThenRecovers() {
        sim.faults().throttle(2, 7);

        SimClient.Reply first = client.get(SEARCH);
        assertEquals(429, first.status());
        assertEquals("7", first.header("Retry-After"));
        assertTrue(first.json().has("message"));
        assertEquals(429, client.get(SEARCH).status());
        assertEquals(200, client.get(SEARCH).status());
        assertEquals(3, sim.requests("GET", "/V1/products"));
    }

    @Test
    void targetedFaultsHitOnlyTheirRequests() {
        sim.faults().throttle(1, 1, "PUT", "/V1/products/");

        assertEquals(200, client.get(SEARCH).status());
        assertEquals(1, sim.faults().pendingCommerceFaults());
        assertEquals(429, client.put("/V1/products/X", "{\"product\":{\"name\":\"x\"}}").status());
        assertEquals(200, client.put("/V1/products/X", "{\"product\":{\"name\":\"x\"}}").status());
        assertEquals(0, sim.faults().pendingCommerceFaults());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrors(int status) {
        sim.faults().serverError(1, status);

        SimClient.Reply reply = client.get(SEARCH);

        assertEquals(status, reply.status());
        assertNull(reply.header("Retry-After"));
        assertEquals(200, client.get(SEARCH).status());
    }

    @Test
    void serverErrorWithRetryAfterAndTarget() {
        sim.faults().serverError(1, 503, 3, "GET", "/V1/orders");

        assertEquals(200, client.get(SEARCH).status());
        SimClient.Reply reply = client.get("/V1/orders/1");
        assertEquals(503, reply.status());
        assertEquals("3", reply.header("Retry-After"));
    }

    @Test
    void refusesNonServerErrorStatus() {
        assertThrows(IllegalArgumentException.class, () -> sim.faults().serverError(1, 404));
        assertThrows(IllegalArgumentException.class, () -> sim.faults().throttle(-1, 1));
    }

    @Test
    void faultsAreUsedInOrder() {
        sim.faults().serverError(1, 502).throttle(1, 2);

        assertEquals(502, client.get(SEARCH).status());
        assertEquals(429, client.get(SEARCH).status());
        assertEquals(200, client.get(SEARCH).status());
    }

    @Test
    void connectionReset() {
        sim.faults().connectionReset(1, "POST", "/V1/products");
        String body = "{\"product\":{\"sku\":\"RESET-1\"}}";

        // a POST, because the JDK client silently replays an idempotent request whose connection was reset
        assertThrows(UncheckedIOException.class, () -> client.post("/V1/products", body));
        assertEquals(1, sim.requests("POST", "/V1/products"));
        assertEquals(0, sim.faults().pendingCommerceFaults());
        assertEquals(200, client.post("/V1/products", body).status());
    }

    @Test
    void commerceLatency() {
        sim.faults().commerceLatency(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertEquals(200, client.get(SEARCH).status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);

        sim.faults().clear();
        // IMS is not slowed by Commerce latency
        sim.faults().commerceLatency(Duration.ofSeconds(60));
        start = System.nanoTime();
        assertEquals(200, client.clientCredentials().status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
    }

    @Test
    void imsLatency() {
        sim.faults().imsLatency(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertEquals(200, client.clientCredentials().status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }

    @Test
    void imsOutageForCountedRequests() {
        sim.faults().imsOutage(2);

        SimClient.Reply down = client.clientCredentials();
        assertEquals(503, down.status());
        assertEquals("temporarily_unavailable", down.json().get("error").asText());
        assertEquals(503, client.clientCredentials().status());
        assertEquals(200, client.clientCredentials().status());
        assertEquals(3, sim.tokenRequests());
        // Commerce keeps accepting the token obtained before
        assertEquals(200, client.get(SEARCH).status());
    }

    @Test
    void imsOutageUntilCleared() {
        sim.faults().imsOutageUntilCleared();
        for (int i = 0; i < 5; i++) {
            assertEquals(503, client.clientCredentials().status());
        }

        sim.faults().clearImsOutage();

        assertEquals(200, client.clientCredentials().status());
    }

    @Test
    void imsConnectionReset() {
        sim.faults().imsConnectionReset(1);

        assertThrows(UncheckedIOException.class, client::clientCredentials);
        assertEquals(200, client.clientCredentials().status());
    }

    @Test
    void clearRemovesEveryFault() {
        sim.faults().throttle(5, 1).serverError(5, 500).connectionReset(5).imsOutageUntilCleared()
                .commerceLatency(Duration.ofSeconds(10)).imsLatency(Duration.ofSeconds(10)).denyAuthorization(3);

        sim.faults().clear();

        assertEquals(0, sim.faults().pendingCommerceFaults());
        assertEquals(200, client.clientCredentials().status());
        assertEquals(200, client.get(SEARCH).status());
    }
}
