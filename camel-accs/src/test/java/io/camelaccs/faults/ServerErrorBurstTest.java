package io.camelaccs.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bursts of Commerce 5xx under 8 concurrent callers. A GET recovers from a 502/503/504 burst shorter than its retries
 * and fails visibly after maxRetries+1 sends otherwise. A POST is never resent after a 5xx or a broken connection
 * (Commerce may have created the entity): exactly one send per POST, unless retryNonIdempotent says otherwise.
 */
class ServerErrorBurstTest {

    private static final int MAX_RETRIES = 3;
    private static final int THREADS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm);

    private void start(boolean retryNonIdempotent) {
        tokenIssued(wm, "tok", 86399);
        camel.start(FaultSupport.retries(MAX_RETRIES, THREADS)
                .andThen(c -> c.setRetryNonIdempotent(retryNonIdempotent)));
    }

    private CommerceMetrics metrics() {
        return camel.accs().metrics();
    }

    /** A burst: the given failures, then a 200. */
    private static ResponseDefinitionBuilder[] burst(String okBody, ResponseDefinitionBuilder... failures) {
        ResponseDefinitionBuilder[] answers = java.util.Arrays.copyOf(failures, failures.length + 1);
        answers[failures.length] = okJson(okBody);
        return answers;
    }

    private static ResponseDefinitionBuilder reset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    private record Plan(ResponseDefinitionBuilder[] answers, int expectedSends, Integer expectedStatus, boolean io) {
    }

    private Map<String, Integer> sendsBySku(String method) throws IOException {
        Map<String, Integer> sends = new HashMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String url = e.getRequest().getUrl();
            if (!method.equals(e.getRequest().getMethod().getName()) || !url.startsWith("/t/V1/products")) {
                continue;
            }
            String sku = "GET".equals(method) ? url.substring("/t/V1/products/".length())
                    : JSON.readTree(e.getRequest().getBodyAsString()).path("product").path("sku").asText();
            sends.merge(sku, 1, Integer::sum);
        }
        return sends;
    }

    private void check(String test, Map<String, Plan> plans, FaultSupport.Ledger ledger, Map<String, Integer> sends) {
        int planned = plans.values().stream().mapToInt(Plan::expectedSends).sum();
        int total = sends.values().stream().mapToInt(Integer::intValue).sum();
        report(test, ledger + "; sends=" + total + " (planned " + planned + "), per exchange max="
                     + sends.values().stream().mapToInt(i -> i).max().orElse(0) + "; metrics: requests="
                     + metrics().requests() + ", retries=" + metrics().retries() + ", failures=" + metrics().failures()
                     + "; IMS requests=" + tokenRequests(wm));
        ledger.assertNoneLost();
        assertEquals(plans.size(), ledger.sent.get());
        for (Map.Entry<String, Plan> p : plans.entrySet()) {
            String key = p.getKey();
            Plan plan = p.getValue();
            assertEquals(plan.expectedSends(), sends.getOrDefault(key, 0), "sends for " + key);
            Throwable failure = ledger.failuresByKey.get(key);
            if (plan.expectedStatus() == null && !plan.io()) {
                assertTrue(failure == null, () -> key + " recovers, but failed with " + failure);
            } else if (plan.io()) {
                assertNotNull(failure, key + " fails visibly");
                assertNotNull(FaultSupport.causeOf(failure, IOException.class), () -> key + ": " + failure);
            } else {
                assertNotNull(failure, key + " fails visibly");
                AccsApiException api = assertInstanceOf(AccsApiException.class, failure.getCause(), failure::toString);
                assertEquals(plan.expectedStatus().intValue(), api.getStatusCode());
            }
        }
        assertEquals(planned, total);
        assertEquals(planned, metrics().requests());
        assertEquals(planned - plans.size(), metrics().retries());
        assertEquals(1, tokenRequests(wm));
    }

    /** Sends one exchange per planned key from 8 threads at once; the ledger has every outcome. */
    private FaultSupport.Ledger runAll(Map<String, Plan> plans, String method) throws Exception {
        List<String> keys = List.copyOf(plans.keySet());
        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(60), t -> {
            for (int i = t; i < keys.size(); i += THREADS) {
                String sku = keys.get(i);
                if ("GET".equals(method)) {
                    ledger.call(sku, () -> camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null,
                            "sku", sku));
                } else {
                    Map<String, Object> body = Map.of("product", Map.of("sku", sku, "name", "Bag " + sku));
                    ledger.call(sku, () -> camel.template().requestBody("accs:post:/V1/products", body));
                }
            }
        });
        return ledger;
    }

    @Test
    void getRecoversFromBurstsShorterThanItsRetries() throws Exception {
        start(false);
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (int r = 0; r < 4; r++) {
            String ok = "{\"ok\":true}";
            plans.put("G502-" + r, new Plan(burst(ok, status(502)), 2, null, false));
            plans.put("G503x2-" + r, new Plan(burst(ok, status(503), status(503)), 3, null, false));
            plans.put("G504x3-" + r, new Plan(burst(ok, status(504), status(503), status(502)), 4, null, false));
            plans.put("Gmixed-" + r, new Plan(burst(ok, status(503), reset(), status(504)), 4, null, false));
            plans.put("Gdown-" + r, new Plan(new ResponseDefinitionBuilder[] { status(503) }, MAX_RETRIES + 1, 503, false));
            plans.put("Gdead-" + r, new Plan(new ResponseDefinitionBuilder[] { reset() }, MAX_RETRIES + 1, null, true));
            // Commerce's 500 is an application error: documented as not retried (see the report)
            plans.put("G500-" + r, new Plan(burst(ok, status(500)), 1, 500, false));
        }
        plans.forEach((sku, plan) -> sequence(wm, sku, () -> get(urlEqualTo("/t/V1/products/" + sku)), plan.answers()));

        FaultSupport.Ledger ledger = runAll(plans, "GET");

        check("getRecoversFromBurstsShorterThanItsRetries", plans, ledger, sendsBySku("GET"));
    }

    @Test
    void postIsSentExactlyOnceWhatever5xxOrBrokenConnection() throws Exception {
        start(false);
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (int r = 0; r < 6; r++) {
            String ok = "{\"id\":1}";
            plans.put("P500-" + r, new Plan(burst(ok, status(500)), 1, 500, false));
            plans.put("P502-" + r, new Plan(burst(ok, status(502)), 1, 502, false));
            plans.put("P503-" + r, new Plan(burst(ok, status(503).withHeader("Retry-After", "0")), 1, 503, false));
            plans.put("P504-" + r, new Plan(burst(ok, status(504)), 1, 504, false));
            plans.put("Preset-" + r, new Plan(burst(ok, reset()), 1, null, true));
            plans.put("Pok-" + r, new Plan(new ResponseDefinitionBuilder[] { okJson(ok) }, 1, null, false));
        }
        plans.forEach((sku, plan) -> sequence(wm, sku, () -> post(urlEqualTo("/t/V1/products"))
                .withRequestBody(matchingJsonPath("$.product.sku", equalTo(sku))), plan.answers()));

        FaultSupport.Ledger ledger = runAll(plans, "POST");

        check("postIsSentExactlyOnceWhatever5xxOrBrokenConnection", plans, ledger, sendsBySku("POST"));
        assertEquals(0, metrics().retries(), "no write is ever resent by default");
    }

    @Test
    void postIsRetriedOnlyWhenRetryNonIdempotentIsSet() throws Exception {
        start(true);
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (int r = 0; r < 4; r++) {
            String ok = "{\"id\":1}";
            plans.put("Q503x2-" + r, new Plan(burst(ok, status(503), status(502)), 3, null, false));
            plans.put("Qreset-" + r, new Plan(burst(ok, reset()), 2, null, false));
            plans.put("Qdown-" + r, new Plan(new ResponseDefinitionBuilder[] { status(503) }, MAX_RETRIES + 1, 503, false));
            plans.put("Q500-" + r, new Plan(burst(ok, status(500)), 1, 500, false));
        }
        plans.forEach((sku, plan) -> sequence(wm, sku, () -> post(urlEqualTo("/t/V1/products"))
                .withRequestBody(matchingJsonPath("$.product.sku", equalTo(sku))), plan.answers()));

        FaultSupport.Ledger ledger = runAll(plans, "POST");

        check("postIsRetriedOnlyWhenRetryNonIdempotentIsSet", plans, ledger, sendsBySku("POST"));
    }
}
