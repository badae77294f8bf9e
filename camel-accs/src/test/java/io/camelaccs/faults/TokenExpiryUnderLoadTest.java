package io.camelaccs.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.MutableClock;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens expiring under load, on the component's clock: bursts of callers released together, with the clock moved
 * between bursts into the refresh margin (the token is stale: the burst is served with it while exactly one refresh
 * runs in the background) or into the expiry margin (the token is expired: the whole burst waits on exactly one
 * fetch). IMS answers slowly, so every caller of a burst meets the fetch under way. Exact counts: one token request
 * per lifetime, none more; every exchange reaches Commerce once; no request carries a token in its expiry margin.
 */
class TokenExpiryUnderLoadTest {

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 3;
    /** Lifetimes after the first token; even ones end stale, odd ones expired. */
    private static final int LIFETIMES = 8;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm).withClock(clock);

    @Test
    void oneTokenRequestPerLifetimeUnderLoad() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-{{randomValue length=12 type='ALPHANUMERIC'}}\","
                          + "\"token_type\":\"bearer\",\"expires_in\":" + LIFETIME.toSeconds() + "}")
                .withTransformers("response-template")
                .withFixedDelay(50))); // a slow IMS: the whole burst meets the fetch under way
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        ProducerTemplate template = camel.start(c -> {
            c.setTokenRefreshMargin(REFRESH_MARGIN.toMillis());
            c.setTokenExpiryMargin(EXPIRY_MARGIN.toMillis());
            c.setMaxConnections(THREADS);
        }).template();
        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        AtomicLong nonOk = new AtomicLong();
        burst(template, ledger, nonOk, 0);
        assertEquals(1, tokenRequests(wm), "the first burst waited on one token request");
        TokenCache cache = camel.accs().tokenCaches().iterator().next();
        int commerceSoFar = commerceEvents().size();

        for (int lifetime = 1; lifetime <= LIFETIMES; lifetime++) {
            AccessToken before = cache.peek();
            boolean expired = lifetime % 2 == 0;
            clock.advance(LIFETIME.minus(expired ? EXPIRY_MARGIN : REFRESH_MARGIN).plusSeconds(1));

            burst(template, ledger, nonOk, lifetime);

            int l = lifetime;
            if (!expired) {
                // the refresh runs in the background: wait for it to be in use before the clock moves on
                await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> cache.peek() != before);
            }
            assertEquals(1 + lifetime, tokenRequests(wm), () -> "token requests after lifetime " + l
                                                               + (expired ? " (expired)" : " (stale)"));
            List<ServeEvent> burst = commerceEvents().subList(commerceSoFar, commerceEvents().size());
            commerceSoFar += burst.size();
            Set<String> tokens = burst.stream().map(e -> e.getRequest().getHeader("Authorization"))
                    .collect(Collectors.toSet());
            if (expired) {
                assertEquals(Set.of("Bearer " + cache.peek().value()), tokens,
                        () -> "the burst of lifetime " + l + " used only the new token, never the expiring one");
            } else {
                assertTrue(tokens.contains("Bearer " + before.value()), "the stale token served the burst");
            }
            assertNotEquals(before, cache.peek());
        }

        int commerce = commerceEvents().size();
        report("oneTokenRequestPerLifetimeUnderLoad", ledger + "; token requests=" + tokenRequests(wm) + " for "
                                                      + (1 + LIFETIMES) + " lifetimes; Commerce requests=" + commerce);
        ledger.assertNoneLost();
        assertEquals(0, ledger.failed.get(), () -> "no exchange fails: " + ledger.failuresByKey.values().stream()
                .findFirst().map(Throwable::toString).orElse(""));
        assertEquals(0, nonOk.get(), "every exchange got its product");
        assertEquals((1 + LIFETIMES) * THREADS * CALLS_PER_THREAD, commerce,
                "Commerce received every exchange once: no replays, none lost");
        assertEquals(1 + LIFETIMES, tokenRequests(wm), "one token request per lifetime");
    }

    private static void burst(ProducerTemplate template, FaultSupport.Ledger ledger, AtomicLong nonOk, int lifetime)
            throws Exception {
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                String sku = "E-" + lifetime + "-" + t + "-" + i;
                ledger.call(sku, () -> {
                    Object body = template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
                    if (!(body instanceof Map<?, ?> m) || !Boolean.TRUE.equals(m.get("ok"))) {
                        nonOk.incrementAndGet();
                    }
                    return null;
                });
            }
        });
    }

    /** Commerce requests, in the order WireMock received them. */
    private static List<ServeEvent> commerceEvents() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/t/"))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate())).toList();
    }
}
