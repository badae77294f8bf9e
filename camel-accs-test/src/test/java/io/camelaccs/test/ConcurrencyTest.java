package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Many clients at once: no lost writes, exact counts. */
@AccsSimulatorTest(products = 500, orders = 0)
class ConcurrencyTest {

    @Test
    void concurrentWritesAndReads(AccsSimulator sim) {
        sim.resetCounters();
        String token = new SimClient(sim).token();
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(http.sendAsync(request(sim, token, "PUT", "/V1/products/C-" + i,
                    "{\"product\":{\"name\":\"Concurrent " + i + "\"}}"), HttpResponse.BodyHandlers.ofString()));
            calls.add(http.sendAsync(request(sim, token, "GET", "/V1/products?searchCriteria[pageSize]=50", null),
                    HttpResponse.BodyHandlers.ofString()));
        }

        calls.forEach(c -> assertEquals(200, c.join().statusCode(), c.join().body()));

        assertEquals(600, sim.products().size());
        assertEquals(100, sim.requests("PUT", "/V1/products/C-"));
        assertEquals(100, sim.requests("GET", "/V1/products"));
        assertEquals(1, sim.tokenRequests());
        // ids stay unique under concurrent creation
        assertEquals(600, sim.products().skus().stream().map(s -> sim.products().get(s).get().get("id").asLong())
                .distinct().count());
    }

    private static HttpRequest request(AccsSimulator sim, String token, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("x-api-key", sim.clientId()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
