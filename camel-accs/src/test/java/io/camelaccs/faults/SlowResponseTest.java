package io.camelaccs.faults;

import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelaccs.faults.FaultSupport.report;
import static io.camelaccs.testsupport.ImsStubs.tokenIssued;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commerce answers too slowly: the read timeout ends each attempt with a SocketTimeoutException, a GET is tried again
 * within maxRetries and retryTimeout, a POST is not (the slow one may still be processed).
 */
class SlowResponseTest {

    private static final long READ_TIMEOUT = 300;
    private static final int SLOW = 1500;

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm);

    private void start(Consumer<AccsConfiguration> options) {
        tokenIssued(wm, "tok", 86399);
        camel.start(c -> {
            c.setReadTimeout(READ_TIMEOUT);
            c.setConnectTimeout(1000);
            options.accept(c);
        });
    }

    private CommerceMetrics metrics() {
        return camel.accs().metrics();
    }

    private Object product(String sku) {
        return camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
    }

    private int gets(String sku) {
        return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/t/V1/products/" + sku)).build()).getCount();
    }

    @Test
    void slowGetIsRetriedAndRecovers() {
        start(c -> {
            c.setMaxRetries(3);
            c.setRetryDelay(10);
            c.setRetryTimeout(10_000);
        });
        sequence(wm, "slow-then-fast", () -> get(urlEqualTo("/t/V1/products/SLOW2")),
                okJson("{\"sku\":\"SLOW2\"}").withFixedDelay(SLOW), okJson("{\"sku\":\"SLOW2\"}").withFixedDelay(SLOW),
                okJson("{\"sku\":\"SLOW2\"}"));

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        long start = System.nanoTime();
        ledger.call("SLOW2", () -> product("SLOW2"));
        long elapsed = Figures.millisSince(start);

        report("slowGetIsRetriedAndRecovers", ledger + ", sends=" + gets("SLOW2") + ", retries=" + metrics().retries()
                                              + ", elapsed=" + elapsed + " ms (readTimeout " + READ_TIMEOUT + " ms)");
        ledger.assertNoneLost();
        assertEquals(1, ledger.ok.get(), () -> "recovered, but " + ledger.failuresByKey);
        assertEquals("SLOW2", ((Map<?, ?>) ledger.resultsByKey.get("SLOW2")).get("sku"));
        assertEquals(3, gets("SLOW2"));
        assertEquals(2, metrics().retries());
        assertTrue(elapsed >= 2 * READ_TIMEOUT, "two attempts timed out: " + elapsed + " ms");
        assertTrue(elapsed < SLOW, "the slow answers were not waited for: " + elapsed + " ms");
    }

    @Test
    void alwaysSlowGetFailsVisiblyAfterMaxRetries() {
        start(c -> {
            c.setMaxRetries(2);
            c.setRetryDelay(10);
            c.setRetryTimeout(10_000);
        });
        wm.stubFor(get(urlEqualTo("/t/V1/products/STUCK")).willReturn(okJson("{}").withFixedDelay(SLOW)));

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        long start = System.nanoTime();
        ledger.call("STUCK", () -> product("STUCK"));
        long elapsed = Figures.millisSince(start);

        Throwable failure = ledger.failuresByKey.get("STUCK");
        report("alwaysSlowGetFailsVisiblyAfterMaxRetries", ledger + ", sends=" + gets("STUCK") + ", retries="
                                                           + metrics().retries() + ", elapsed=" + elapsed + " ms, error="
                                                           + (failure == null ? null : failure.getCause()));
        ledger.assertNoneLost();
        assertEquals(1, ledger.failed.get());
        assertNotNull(FaultSupport.causeOf(failure, SocketTimeoutException.class), () -> "visible: " + failure);
        assertEquals(3, gets("STUCK"), "maxRetries+1 sends");
        assertEquals(2, metrics().retries());
        assertTrue(elapsed >= 3 * READ_TIMEOUT && elapsed < 3 * READ_TIMEOUT + 1000, elapsed + " ms");
    }

    @Test
    void alwaysSlowGetStopsAtRetryTimeout() {
        long retryTimeout = 1000;
        start(c -> {
            c.setMaxRetries(50);
            c.setRetryDelay(10);
            c.setRetryTimeout(retryTimeout);
        });
        wm.stubFor(get(urlEqualTo("/t/V1/products/STUCK2")).willReturn(okJson("{}").withFixedDelay(SLOW)));

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        long start = System.nanoTime();
        ledger.call("STUCK2", () -> product("STUCK2"));
        long elapsed = Figures.millisSince(start);

        int sends = gets("STUCK2");
        Throwable failure = ledger.failuresByKey.get("STUCK2");
        report("alwaysSlowGetStopsAtRetryTimeout", ledger + ", sends=" + sends + " (maxRetries 50, retryTimeout "
                                                   + retryTimeout + " ms), elapsed=" + elapsed + " ms");
        ledger.assertNoneLost();
        assertEquals(1, ledger.failed.get());
        assertNotNull(FaultSupport.causeOf(failure, SocketTimeoutException.class), () -> "visible: " + failure);
        // attempts of at least 300 ms each start only while the retry timeout has not passed: at most 4 of them,
        // never 51 (fewer on a machine so loaded that an attempt takes longer; the bound is what is promised)
        assertTrue(sends >= 1 && sends <= 4, "sends bounded by retryTimeout: " + sends);
        // it gives up once the time left is shorter than the next pause: up to a pause (10 ms and its jitter here)
        // before the budget ends, never an attempt (300 ms) before it
        assertTrue(elapsed >= retryTimeout - READ_TIMEOUT, "retried until the retry timeout (nearly) passed: " + elapsed
                                                           + " ms");
    }

    @Test
    void slowPostIsNotResent() {
        start(c -> {
            c.setMaxRetries(3);
            c.setRetryDelay(10);
        });
        wm.stubFor(post(urlEqualTo("/t/V1/products")).withRequestBody(matchingJsonPath("$.product.sku", equalTo("SLOWP")))
                .willReturn(okJson("{\"id\":7}").withFixedDelay(SLOW)));

        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        ledger.call("SLOWP", () -> camel.template().requestBody("accs:post:/V1/products",
                Map.of("product", Map.of("sku", "SLOWP", "name", "Slow"))));

        int sends = wm.countRequestsMatching(postRequestedFor(urlEqualTo("/t/V1/products")).build()).getCount();
        Throwable failure = ledger.failuresByKey.get("SLOWP");
        report("slowPostIsNotResent", ledger + ", sends=" + sends + ", error=" + (failure == null ? null : failure.getCause()));
        ledger.assertNoneLost();
        assertEquals(1, ledger.failed.get());
        assertNotNull(FaultSupport.causeOf(failure, SocketTimeoutException.class), () -> "visible: " + failure);
        assertEquals(1, sends, "a POST that may still be processed is not sent again");
        assertEquals(0, metrics().retries());
    }
}
