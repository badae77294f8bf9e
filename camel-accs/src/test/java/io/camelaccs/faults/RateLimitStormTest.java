package io.camelaccs.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.Figures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelaccs.faults.FaultSupport.report;
import static io.camelaccs.testsupport.ImsStubs.tokenIssued;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static io.camelaccs.testsupport.ScriptedAnswers.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A 429 storm: Commerce throttles reads and writes from 8 callers at once. A 429 means the request was not processed,
 * so GET and POST alike are retried, each at most maxRetries times, honouring Retry-After; a throttle that outlasts
 * the retries fails the exchange visibly with the 429. Each exchange has a key of its own and a fixed plan (how many
 * 429s before a 200), so every send is accounted for.
 */
class RateLimitStormTest {

    private static final int MAX_RETRIES = 3;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm);

    @BeforeEach
    void start() {
        tokenIssued(wm, "tok", 86399);
        camel.start(FaultSupport.retries(MAX_RETRIES, THREADS));
    }

    private CommerceMetrics metrics() {
        return camel.accs().metrics();
    }

    /** How many 429s key number i meets before a 200 (more than MAX_RETRIES: it never gets through). */
    private static int throttles(int i) {
        return i % 6; // 0..5: 0-3 recover within the retries, 4 and 5 exhaust them
    }

    /** The 429s of a plan: half of them say Retry-After: 0, the others leave the pause to the backoff. */
    private static ResponseDefinitionBuilder[] plan(int throttles, String okBody) {
        ResponseDefinitionBuilder[] answers = new ResponseDefinitionBuilder[throttles + 1];
        for (int k = 0; k < throttles; k++) {
            answers[k] = k % 2 == 0 ? status(429).withHeader("Retry-After", "0") : status(429);
        }
        answers[throttles] = okJson(okBody);
        return answers;
    }

    private static int expectedSends(int throttles) {
        return Math.min(throttles, MAX_RETRIES + 1) + (throttles <= MAX_RETRIES ? 1 : 0);
    }

    @Test
    void readsAreRetriedWithinMaxRetries() throws Exception {
        Map<String, Integer> planned = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                String sku = "R-" + t + "-" + i;
                int n = throttles(t * PER_THREAD + i);
                planned.put(sku, n);
                sequence(wm, sku, () -> get(urlEqualTo("/t/V1/products/" + sku)), plan(n, "{\"sku\":\"" + sku + "\"}"));
            }
        }

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        long start = System.nanoTime();
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(60), t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                String sku = "R-" + t + "-" + i;
                ledger.call(sku, () -> camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null,
                        "sku", sku));
            }
        });
        long elapsed = Figures.millisSince(start);

        Map<String, Integer> sends = new HashMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String url = e.getRequest().getUrl();
            if (url.startsWith("/t/V1/products/")) {
                sends.merge(url.substring("/t/V1/products/".length()), 1, Integer::sum);
            }
        }
        verify("readsAreRetriedWithinMaxRetries", planned, sends, ledger, elapsed);
        for (Map.Entry<String, Integer> p : planned.entrySet()) {
            if (p.getValue() <= MAX_RETRIES) {
                assertEquals(p.getKey(), ((Map<?, ?>) ledger.resultsByKey.get(p.getKey())).get("sku"));
            }
        }
    }

    @Test
    void writesAreRetriedAfter429SinceNotProcessedButNeverBeyondMaxRetries() throws Exception {
        Map<String, Integer> planned = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                String sku = "W-" + t + "-" + i;
                int n = throttles(t * PER_THREAD + i);
                planned.put(sku, n);
                sequence(wm, sku, () -> post(urlEqualTo("/t/V1/products"))
                        .withRequestBody(matchingJsonPath("$.product.sku", equalTo(sku))),
                        plan(n, "{\"sku\":\"" + sku + "\",\"id\":1}"));
            }
        }

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        long start = System.nanoTime();
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(60), t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                String sku = "W-" + t + "-" + i;
                Map<String, Object> body = Map.of("product", Map.of("sku", sku, "name", "Bag " + sku));
                ledger.call(sku, () -> camel.template().requestBody("accs:post:/V1/products", body));
            }
        });
        long elapsed = Figures.millisSince(start);

        Map<String, Integer> sends = new HashMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            if (e.getRequest().getUrl().equals("/t/V1/products") && "POST".equals(e.getRequest().getMethod().getName())) {
                JsonNode body = JSON.readTree(e.getRequest().getBodyAsString());
                sends.merge(body.path("product").path("sku").asText(), 1, Integer::sum);
            }
        }
        verify("writesAreRetriedAfter429SinceNotProcessedButNeverBeyondMaxRetries", planned, sends, ledger, elapsed);
    }

    private void verify(String test, Map<String, Integer> planned, Map<String, Integer> sends, FaultSupport.Ledger ledger,
                        long elapsed) {
        int expectedOk = 0;
        int expectedSends = 0;
        int expected429s = 0;
        for (int n : planned.values()) {
            expectedOk += n <= MAX_RETRIES ? 1 : 0;
            expectedSends += expectedSends(n);
            expected429s += Math.min(n, MAX_RETRIES + 1);
        }
        int totalSends = sends.values().stream().mapToInt(Integer::intValue).sum();
        int maxSends = sends.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        report(test, ledger + " in " + elapsed + " ms; sends=" + totalSends + " (planned " + expectedSends
                     + "), most sends for one exchange=" + maxSends + " (maxRetries+1=" + (MAX_RETRIES + 1) + "); metrics:"
                     + " requests=" + metrics().requests() + ", retries=" + metrics().retries() + ", 429s="
                     + metrics().rateLimitedResponses() + "; IMS requests=" + tokenRequests(wm));

        ledger.assertNoneLost();
        assertEquals(planned.size(), ledger.sent.get());
        assertEquals(expectedOk, ledger.ok.get());
        assertEquals(planned.size() - expectedOk, ledger.failed.get());
        for (Map.Entry<String, Integer> p : planned.entrySet()) {
            String key = p.getKey();
            assertEquals(expectedSends(p.getValue()), sends.getOrDefault(key, 0), "sends for " + key + " with "
                                                                                   + p.getValue() + " 429s");
            if (p.getValue() > MAX_RETRIES) {
                AccsApiException api = assertInstanceOf(AccsApiException.class, ledger.failuresByKey.get(key).getCause());
                assertEquals(429, api.getStatusCode());
            }
        }
        assertEquals(MAX_RETRIES + 1, maxSends, "never more than maxRetries+1 sends");
        assertEquals(expectedSends, totalSends);
        assertEquals(expectedSends, metrics().requests());
        assertEquals(expected429s, metrics().rateLimitedResponses());
        assertEquals(expectedSends - planned.size(), metrics().retries());
        assertEquals(1, tokenRequests(wm));
    }
}
