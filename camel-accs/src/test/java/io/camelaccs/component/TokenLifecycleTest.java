package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelaccs.testsupport.ConcurrentCallers.runTogether;
import static io.camelaccs.testsupport.Figures.millisSince;
import static io.camelaccs.testsupport.Figures.report;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static io.camelaccs.testsupport.ImsStubs.tokenResponse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token lifecycle of server-to-server credentials as callers see it: one token shared under load, renewal once per
 * lifetime, one shared refresh after a burst of 401s, IMS outages and refusals, and caller-supplied tokens.
 */
class TokenLifecycleTest {

    private static final String PRODUCT = "accs:get:/V1/products/{sku}";
    private static final String PRODUCTS_PATH = "/t/V1/products/.*";
    private static final String UNAUTHORIZED_BODY
            = "{\"message\":\"The consumer isn't authorized to access %resources.\","
              + "\"parameters\":{\"resources\":\"Magento_Catalog::products\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(150))
            .build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    /** Token lifetimes on the test's clock: tokens expire when the test says, not when a loaded machine gets there. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @RegisterExtension
    final AccsOnWireMock camelOnClock = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).withClock(clock);

    private Object product(String sku) {
        return camel.template().requestBodyAndHeader(PRODUCT, null, "sku", sku);
    }

    /**
     * Commerce answers only to {@code token}; one product call, with IMS retried every 10 ms until it issues that
     * token, must succeed. Returns how long the call took.
     */
    private long timedCallAcceptedWith(String token) {
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"ok\":true}")));
        camel.start(c -> c.setImsRetryDelay(10));

        long start = System.nanoTime();
        Object body = product("A");
        long elapsedMs = millisSince(start);

        assertEquals(Boolean.TRUE, ((Map<?, ?>) body).get("ok"));
        return elapsedMs;
    }

    /** The token requests among the events, in the order WireMock received them. */
    private static List<ServeEvent> tokenEventsInOrder(List<ServeEvent> events) {
        return events.stream().filter(e -> e.getRequest().getUrl().equals(TOKEN_PATH))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate())).toList();
    }

    private static long millisBetween(ServeEvent earlier, ServeEvent later) {
        return later.getRequest().getLoggedDate().getTime() - earlier.getRequest().getLoggedDate().getTime();
    }

    /** Commerce requests (GET /t/V1/products/...) recorded by WireMock. */
    private static List<ServeEvent> commerceEvents() {
        return wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/t/"))
                .toList();
    }

    // 1
    @Test
    void distinctUrlsUnderLoadShareOneToken() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("tok-load", 86399).withFixedDelay(50)));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(okJson("{\"ok\":true}")));
        camel.start(c -> c.setMaxConnections(64));

        int threads = 64;
        int perThread = 50;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        runTogether(threads, Duration.ofSeconds(60), t -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    Object body = product("SKU-" + t + "-" + i);
                    if (Boolean.TRUE.equals(((Map<?, ?>) body).get("ok"))) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
            }
        });
        long elapsedMs = millisSince(start);

        int tokens = tokenRequests(wm);
        List<ServeEvent> commerce = commerceEvents();
        long distinctUrls = commerce.stream().map(e -> e.getRequest().getUrl()).distinct().count();
        report("distinctUrlsUnderLoadShareOneToken", threads * perThread + " exchanges in " + elapsedMs + " ms, ok="
                                                     + ok + ", failed=" + failed + ", token requests=" + tokens
                                                     + ", Commerce requests=" + commerce.size() + ", distinct URLs="
                                                     + distinctUrls);
        assertEquals(0, failed.get(), () -> "failed exchanges; first: " + firstFailure.get());
        assertEquals(threads * perThread, ok.get());
        assertEquals(1, tokens, "one token request for all threads and URLs");
        assertEquals(threads * perThread, commerce.size());
        assertEquals(threads * perThread, distinctUrls);
        assertTrue(commerce.stream().allMatch(e -> "Bearer tok-load".equals(e.getRequest().getHeader("Authorization"))));
    }

    // 2
    @Test
    void tokensAreRenewedOncePerLifetime() throws Exception {
        // every token request gets a token of its own
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-{{randomValue length=24 type='ALPHANUMERIC'}}\","
                          + "\"token_type\":\"bearer\",\"expires_in\":3600}")
                .withTransformers("response-template")));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(okJson("{\"ok\":true}")));
        camelOnClock.start(c -> {
            c.setTokenRefreshMargin(300_000);
            c.setTokenExpiryMargin(30_000);
        });

        int threads = 16;
        int lifetimes = 6;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger seq = new AtomicInteger();
        for (int lifetime = 1; lifetime <= lifetimes; lifetime++) {
            runTogether(threads, Duration.ofSeconds(30), t -> {
                for (int i = 0; i < 5; i++) {
                    try {
                        camelOnClock.template().requestBodyAndHeader(PRODUCT, null, "sku", "S" + seq.incrementAndGet());
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            });
            // the refresh of a stale token runs in the background: the next lifetime starts once it is in
            int expected = lifetime;
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5))
                    .until(() -> tokenRequests(wm) >= expected
                                 && camelOnClock.accs().tokenCaches().get(0).fetchCount() >= expected);
            assertEquals(lifetime, tokenRequests(wm), "token requests in lifetime " + lifetime);
            clock.advance(Duration.ofSeconds(3600 - 300 + 1)); // into the refresh margin of the newest token
        }

        List<ServeEvent> all = wm.getAllServeEvents();
        List<ServeEvent> ims = tokenEventsInOrder(all);
        Set<String> issued = new TreeSet<>();
        for (ServeEvent e : ims) {
            issued.add(JSON.readTree(e.getResponse().getBodyAsString()).get("access_token").asText());
        }
        Map<String, Integer> used = new HashMap<>();
        for (ServeEvent e : all) {
            if (e.getRequest().getUrl().startsWith("/t/")) {
                used.merge(String.valueOf(e.getRequest().getHeader("Authorization")), 1, Integer::sum);
            }
        }
        report("tokensAreRenewedOncePerLifetime", "ok=" + ok + ", failed=" + failed + ", token requests=" + ims.size()
                                                  + " for " + lifetimes + " lifetimes, distinct tokens issued="
                                                  + issued.size() + ", distinct tokens used=" + used.size());
        assertEquals(0, failed.get(), () -> "failed exchanges; first: " + firstFailure.get());
        assertEquals(lifetimes, ims.size(), "one token request per lifetime");
        assertEquals(ims.size(), issued.size(), "each token request got a token of its own");
        for (String authorization : used.keySet()) {
            assertTrue(authorization.startsWith("Bearer ")
                       && issued.contains(authorization.substring("Bearer ".length())),
                    "Commerce got a token IMS never issued: " + authorization);
        }
        assertEquals(ok.get(), used.values().stream().mapToInt(Integer::intValue).sum());
    }

    // 3
    @Test
    void concurrentUnauthorizedResponsesShareOneRefresh() throws Exception {
        // t1 comes slowly and the 401s too, so that all 32 requests hold t1 before the first 401 comes back
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(STARTED)
                .willReturn(tokenResponse("t1", 86399).withFixedDelay(200)).willSetStateTo("t1 issued"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("t1 issued")
                .willReturn(tokenResponse("t2", 86399)));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(UNAUTHORIZED_BODY).withFixedDelay(100)));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson("{\"ok\":true}")));
        camel.start(c -> c.setMaxConnections(32));

        int threads = 32;
        AtomicInteger ok = new AtomicInteger();
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        runTogether(threads, Duration.ofSeconds(10), t -> {
            try {
                product("P" + t);
                ok.incrementAndGet();
            } catch (RuntimeException e) {
                failures.put(t, e);
            }
        });

        int tokens = tokenRequests(wm);
        Map<String, Integer> perUrl = new HashMap<>();
        commerceEvents().forEach(e -> perUrl.merge(e.getRequest().getUrl(), 1, Integer::sum));
        int commerce = perUrl.values().stream().mapToInt(Integer::intValue).sum();
        long replayed = perUrl.values().stream().filter(n -> n == 2).count();
        report("concurrentUnauthorizedResponsesShareOneRefresh", "ok=" + ok + "/32, token requests=" + tokens
                                                                 + ", Commerce requests=" + commerce + " (" + replayed
                                                                 + " replayed), max per request="
                                                                 + perUrl.values().stream().mapToInt(i -> i).max().orElse(0));
        assertTrue(failures.isEmpty(), () -> "failed: " + failures);
        assertEquals(32, ok.get());
        assertEquals(2, tokens, "one token, then one shared refresh after the burst of 401s");
        assertEquals(32, perUrl.size());
        assertTrue(perUrl.values().stream().allMatch(n -> n <= 2), "no request sent more than twice: " + perUrl);
        assertTrue(replayed >= 16, "most requests met a 401 concurrently (else the test proves little): " + replayed);
    }

    // 4
    @Test
    void secondUnauthorizedIsAnApiException() {
        ImsStubs.tokenIssued(wm, "tok-a", 86399);
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED_BODY)));
        camel.start(c -> {
        });

        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> product("A"));

        AccsApiException api = assertInstanceOf(AccsApiException.class, e.getCause());
        assertEquals(401, api.getStatusCode());
        assertEquals("The consumer isn't authorized to access Magento_Catalog::products.", api.getCommerceMessage());
        int commerce = commerceEvents().size();
        int tokens = tokenRequests(wm);
        report("secondUnauthorizedIsAnApiException", "Commerce requests=" + commerce + ", token requests=" + tokens);
        assertEquals(2, commerce, "the request is replayed once, not more");
        assertEquals(2, tokens);
    }

    // 5
    @Test
    void imsOutageIsRetried() {
        String scenario = "ims outage";
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed 1"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs("failed 1")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed 2"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs("failed 2")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs("back")
                .willReturn(tokenResponse("tok-after-outage", 86399)));
        long elapsedMs = timedCallAcceptedWith("tok-after-outage");

        int tokens = tokenRequests(wm);
        report("imsOutageIsRetried", "token requests=" + tokens + ", elapsed " + elapsedMs + " ms");
        assertEquals(4, tokens);
    }

    // 6
    @Test
    void imsRateLimitHonoursRetryAfter() {
        String scenario = "ims throttled";
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"rate_limited\"}"))
                .willSetStateTo("open"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario(scenario).whenScenarioStateIs("open")
                .willReturn(tokenResponse("tok-after-429", 86399)));
        long elapsedMs = timedCallAcceptedWith("tok-after-429");

        int tokens = tokenRequests(wm);
        List<ServeEvent> ims = tokenEventsInOrder(wm.getAllServeEvents());
        long gapMs = ims.size() == 2 ? millisBetween(ims.get(0), ims.get(1)) : -1;
        report("imsRateLimitHonoursRetryAfter", "token requests=" + tokens + ", elapsed " + elapsedMs
                                                + " ms, gap between the token requests " + gapMs + " ms");
        assertEquals(2, tokens);
        assertTrue(elapsedMs >= 900, "Retry-After: 1 waited out, but the call took " + elapsedMs + " ms");
        assertTrue(elapsedMs < 5000, "took " + elapsedMs + " ms");
    }

    // 7
    @Test
    void invalidClientStormMakesOneImsRequest() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("x-debug-id", "ims-debug-storm")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}")));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(okJson("{\"ok\":true}")));
        camel.start(c -> c.setImsRefusalCooldown(60_000));

        int threads = 8;
        int perThread = 125;
        AtomicInteger refused = new AtomicInteger();
        Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        runTogether(threads, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    product("S-" + t + "-" + i);
                    unexpected.put(t + "/" + i, new AssertionError("succeeded"));
                } catch (CamelExecutionException e) {
                    if (e.getCause() instanceof AccsAuthenticationException a
                        && a.getMessage().contains("invalid_client")
                        && "invalid_client".equals(a.getError())) {
                        refused.incrementAndGet();
                    } else {
                        unexpected.put(t + "/" + i, e);
                    }
                }
            }
        });
        long elapsedMs = millisSince(start);

        int tokens = tokenRequests(wm);
        report("invalidClientStormMakesOneImsRequest", threads * perThread + " requests in " + elapsedMs + " ms, refused="
                                                       + refused + ", IMS requests=" + tokens + ", Commerce requests="
                                                       + commerceEvents().size());
        assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " unexpected outcomes, e.g. "
                                               + unexpected.values().iterator().next());
        assertEquals(1000, refused.get());
        assertEquals(1, tokens, "one IMS request, then the cached refusal during the cool-down");
        assertEquals(0, commerceEvents().size());
    }

    // 8
    @Test
    void validTokenKeepsServingDuringImsOutage() {
        ImsStubs.tokenIssued(wm, "tok-first", 3600);
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(okJson("{\"ok\":true}")));
        camelOnClock.start(c -> {
            c.setTokenRefreshMargin(300_000);
            c.setTokenExpiryMargin(30_000);
            c.setImsRetryDelay(10);
        });
        camelOnClock.template().requestBodyAndHeader(PRODUCT, null, "sku", "FIRST");
        assertEquals(1, tokenRequests(wm));

        // IMS goes down
        wm.resetMappings();
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));
        wm.stubFor(get(urlPathMatching(PRODUCTS_PATH)).willReturn(okJson("{\"ok\":true}")));

        // stale (4 minutes before expiry, inside the 5 minute refresh margin), still clear of the 30 s expiry margin;
        // each step passes IMS's rest after a failed refresh (a quarter of the time left, at most 30 s)
        TokenCache cache = camelOnClock.accs().tokenCaches().get(0);
        clock.advance(Duration.ofMinutes(56));
        int calls = 0;
        List<Throwable> failures = new ArrayList<>();
        for (int step = 1; step <= 3; step++) {
            for (int i = 0; i < 20; i++) {
                try {
                    camelOnClock.template().requestBodyAndHeader(PRODUCT, null, "sku", "S" + calls);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
                calls++;
            }
            int failedRefreshes = step;
            await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5))
                    .until(() -> cache.failureCount() >= failedRefreshes);
            clock.advance(Duration.ofSeconds(31));
        }

        List<ServeEvent> commerce = commerceEvents();
        long withFirst = commerce.stream()
                .filter(e -> "Bearer tok-first".equals(e.getRequest().getHeader("Authorization"))).count();
        long imsFailures = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(TOKEN_PATH) && e.getResponse().getStatus() == 503).count();
        report("validTokenKeepsServingDuringImsOutage", calls + " calls during the outage, failed=" + failures.size()
                                                         + ", sent with the first token=" + withFirst + "/"
                                                         + commerce.size() + ", IMS 503s served=" + imsFailures
                                                         + ", failed background refreshes=" + cache.failureCount()
                                                         + ", last IMS error=" + cache.lastFailure());
        assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.get(0));
        assertEquals(commerce.size(), withFirst, "every call used the first token");
        assertEquals(calls + 1, commerce.size());
        assertEquals(3, cache.failureCount(), "one failed background refresh per rest period, no more");
        assertTrue(imsFailures >= 3);
    }

    // 9
    @Test
    void accessTokenIsSentAsIsAnd401IsPlain() {
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer caller-token"))
                .willReturn(okJson("{\"sku\":\"A\"}")));
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/B")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED_BODY)));
        camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.ACCESS_TOKEN);
            c.setClientSecret(null);
        });

        Object body = camel.template().requestBodyAndHeaders(PRODUCT, null,
                Map.of("sku", "A", AccsConstants.ACCESS_TOKEN, "caller-token"));

        assertEquals("A", ((Map<?, ?>) body).get("sku"));
        wm.verify(1, getRequestedFor(urlEqualTo("/t/V1/products/A"))
                .withHeader("Authorization", equalTo("Bearer caller-token")));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> camel.template().requestBodyAndHeaders(PRODUCT, null,
                        Map.of("sku", "B", AccsConstants.ACCESS_TOKEN, "caller-token")));
        AccsApiException api = assertInstanceOf(AccsApiException.class, e.getCause());
        assertEquals(401, api.getStatusCode());
        assertNotNull(api.getResponseBody());
        wm.verify(1, getRequestedFor(urlEqualTo("/t/V1/products/B")));
        assertEquals(0, tokenRequests(wm), "a caller's token never leads to an IMS request");
        report("accessTokenIsSentAsIsAnd401IsPlain", "IMS requests=" + tokenRequests(wm) + ", Commerce requests for B="
                                                     + wm.countRequestsMatching(getRequestedFor(
                                                             urlEqualTo("/t/V1/products/B")).build()).getCount());
    }
}
