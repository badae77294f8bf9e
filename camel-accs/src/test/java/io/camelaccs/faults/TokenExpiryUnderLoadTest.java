package io.camelaccs.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.Figures;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.camelaccs.faults.FaultSupport.report;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short-lived tokens under load: 8 callers for 5 seconds with tokens of 2 seconds. Every exchange succeeds, IMS sees
 * one request per token lifetime (give or take one), and no request ever carries a token past its expiry.
 */
class TokenExpiryUnderLoadTest {

    /** Token lifetime IMS grants (seconds), and the margins the test configures. */
    private static final int EXPIRES_IN = 2;
    private static final long REFRESH_MARGIN_MS = 600;
    private static final long EXPIRY_MARGIN_MS = 200;
    private static final Duration RUN = Duration.ofSeconds(5);
    private static final int THREADS = 8;
    private static final int MAX_CALLS_PER_THREAD = 5000;

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm);

    @Test
    void shortLivedTokensUnderLoad() throws Exception {
        // each token names the instant IMS issued it (epoch ms), so each request can be checked against its expiry
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-{{now format='epoch'}}-{{randomValue length=6 type='ALPHANUMERIC'}}\","
                          + "\"token_type\":\"bearer\",\"expires_in\":" + EXPIRES_IN + "}")
                .withTransformers("response-template")
                .withFixedDelay(20)));
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        ProducerTemplate template = camel.start(c -> {
            c.setTokenRefreshMargin(REFRESH_MARGIN_MS);
            c.setTokenExpiryMargin(EXPIRY_MARGIN_MS);
            c.setMaxConnections(THREADS);
            c.setRetryDelay(10);
        }).template();

        FaultSupport.Ledger ledger = new FaultSupport.Ledger();
        AtomicLong nonOk = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + RUN.toNanos();
        ConcurrentCallers.runTogether(THREADS, RUN.plusSeconds(30), t -> {
            for (int i = 0; i < MAX_CALLS_PER_THREAD && System.nanoTime() < deadline; i++) {
                String sku = "E-" + t + "-" + i;
                ledger.call(sku, () -> {
                    Object body = template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
                    if (!(body instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("ok"))) {
                        nonOk.incrementAndGet();
                    }
                    return null;
                });
            }
        });
        long elapsedMs = Figures.millisSince(start);

        int tokens = tokenRequests(wm);
        // a token is used until the refresh margin before its expiry, then replaced in the background
        long useMs = EXPIRES_IN * 1000L - REFRESH_MARGIN_MS;
        long lifetimes = 1 + elapsedMs / useMs;
        List<ServeEvent> commerce = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/t/")).toList();
        long late = 0;
        long worstMarginMs = Long.MAX_VALUE;
        for (ServeEvent e : commerce) {
            String auth = e.getRequest().getHeader("Authorization");
            long issued = Long.parseLong(auth.substring("Bearer tok-".length(), auth.lastIndexOf('-')));
            long margin = issued + EXPIRES_IN * 1000L - e.getRequest().getLoggedDate().getTime();
            worstMarginMs = Math.min(worstMarginMs, margin);
            if (margin < 0) {
                late++;
            }
        }
        Set<String> used = commerce.stream().map(e -> e.getRequest().getHeader("Authorization"))
                .collect(Collectors.toSet());
        report("shortLivedTokensUnderLoad", ledger + " in " + elapsedMs + " ms with " + THREADS + " threads; token"
                                            + " requests=" + tokens + " for " + lifetimes + " lifetimes of " + useMs
                                            + " ms use; tokens seen by Commerce=" + used.size()
                                            + "; Commerce requests=" + commerce.size()
                                            + "; closest a request came to its token's expiry=" + worstMarginMs + " ms");

        ledger.assertNoneLost();
        assertEquals(0, ledger.failed.get(), () -> "no exchange fails: " + ledger.failuresByKey.values().stream()
                .findFirst().map(Throwable::toString).orElse(""));
        assertEquals(0, nonOk.get(), "every exchange got its product");
        assertEquals(ledger.sent.get(), commerce.size(), "one Commerce request per exchange: no replays needed");
        assertTrue(lifetimes >= 3, "the run covered several lifetimes: " + lifetimes);
        assertTrue(Math.abs(tokens - lifetimes) <= 1,
                "token requests = lifetimes +- 1, but " + tokens + " for " + lifetimes + " lifetimes");
        assertEquals(0, late, "no request carried an expired token");
    }
}
