package io.camelaccs.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.camelaccs.faults.FaultSupport.report;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static io.camelaccs.testsupport.ImsStubs.tokenResponse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IMS goes down while a token is valid, stays down past its expiry, and comes back. Time moves by hand (the
 * component's clock), so the token's fresh, stale and expired phases are reached without waiting.
 * <p>
 * Token of 3600 s, refresh margin 300 s, expiry margin 30 s: fresh until 3300 s, stale (served while a background
 * refresh is tried) until 3570 s, expired after.
 */
class ImsOutageTest {

    private static final int IMS_MAX_RETRIES = 2;
    private static final int ATTEMPTS_PER_FETCH = IMS_MAX_RETRIES + 1;
    private static final int THREADS = 8;

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm).withClock(clock);

    private void start() {
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        camel.start(c -> {
            c.setTokenRefreshMargin(300_000);
            c.setTokenExpiryMargin(30_000);
            c.setImsMaxRetries(IMS_MAX_RETRIES);
            c.setImsRetryDelay(1);
            c.setMaxConnections(THREADS);
        });
    }

    private Object product(String sku) {
        return camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
    }

    private TokenCache cache() {
        return camel.accs().tokenCaches().get(0);
    }

    /** {@code THREADS} callers, {@code perThread} exchanges each, all recorded in the ledger. */
    private void burst(FaultSupport.Ledger ledger, String prefix, int perThread) throws Exception {
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < perThread; i++) {
                String sku = prefix + "-" + t + "-" + i;
                ledger.call(sku, () -> product(sku));
            }
        });
    }

    private void imsDown(Fault fault) {
        wm.resetMappings();
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        if (fault == null) {
            wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)
                    .withHeader("Content-Type", "text/html").withHeader("x-debug-id", "ims-down")
                    .withBody("<html>Service Unavailable</html>")));
        } else {
            wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(fault)));
        }
    }

    private void imsBack(String token) {
        wm.resetMappings();
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse(token, 3600)));
    }

    @Test
    void outageWhileValidThenAfterExpiryThenRecovery() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("tok-1", 3600)));
        start();
        product("FIRST");
        assertEquals(1, tokenRequests(wm));

        // 1. IMS down, token fresh: nothing notices
        imsDown(null);
        clock.advance(Duration.ofSeconds(600));
        FaultSupport.Ledger fresh = new FaultSupport.Ledger(camel.context());
        burst(fresh, "FRESH", 10);
        int imsWhileFresh = tokenRequests(wm);

        // 2. token stale: still served; one background refresh, bounded attempts, then IMS is left alone
        clock.advance(Duration.ofSeconds(3400 - 600));
        FaultSupport.Ledger stale = new FaultSupport.Ledger(camel.context());
        burst(stale, "STALE", 10);
        await().atMost(10, TimeUnit.SECONDS).until(() -> cache().failureCount() >= 1);
        burst(stale, "STALE2", 5);
        int imsWhileStale = tokenRequests(wm);
        long staleFetches = cache().failureCount();

        // 3. token expired, IMS still down: every exchange fails visibly, each fetch makes imsMaxRetries+1 attempts
        clock.advance(Duration.ofSeconds(3580 - 3400));
        long failuresBefore = cache().failureCount();
        FaultSupport.Ledger expiredSequential = new FaultSupport.Ledger(camel.context());
        for (int i = 0; i < 5; i++) {
            String sku = "EXPIRED-" + i;
            expiredSequential.call(sku, () -> product(sku));
        }
        int imsAfterSequential = tokenRequests(wm);
        FaultSupport.Ledger expiredConcurrent = new FaultSupport.Ledger(camel.context());
        burst(expiredConcurrent, "EXPIRED-C", 5);
        int imsAfterExpiry = tokenRequests(wm);
        long expiredFetches = cache().failureCount() - failuresBefore;
        long commerceWithoutToken = wm.countRequestsMatching(getRequestedFor(urlPathMatching("/t/V1/products/EXPIRED.*"))
                .build()).getCount();

        // 4. IMS is back: the next exchange fetches one token, then all share it
        imsBack("tok-2");
        FaultSupport.Ledger recovered = new FaultSupport.Ledger(camel.context());
        recovered.call("BACK", () -> product("BACK"));
        burst(recovered, "BACK", 5);
        int imsAfterRecovery = tokenRequests(wm);
        long withNewToken = wm.countRequestsMatching(getRequestedFor(urlPathMatching("/t/V1/products/BACK.*"))
                .withHeader("Authorization", equalTo("Bearer tok-2")).build()).getCount();

        report("outageWhileValidThenAfterExpiryThenRecovery",
                "fresh: " + fresh + ", IMS requests " + (imsWhileFresh - 1)
                + " | stale: " + stale + ", background fetches " + staleFetches + ", IMS attempts "
                + (imsWhileStale - imsWhileFresh)
                + " | expired, 5 sequential: " + expiredSequential + ", IMS attempts " + (imsAfterSequential - imsWhileStale)
                + " | expired, " + THREADS + "x5 concurrent: " + expiredConcurrent + ", IMS attempts "
                + (imsAfterExpiry - imsAfterSequential) + " for " + (expiredFetches - 5) + " shared fetches"
                + ", Commerce requests while expired " + commerceWithoutToken
                + " | recovered: " + recovered + ", IMS requests " + (imsAfterRecovery - imsAfterExpiry)
                + ", sent with the new token " + withNewToken);

        // fresh
        fresh.assertNoneLost();
        assertEquals(0, fresh.failed.get());
        assertEquals(1, imsWhileFresh, "a fresh token asks nothing of IMS");
        // stale
        stale.assertNoneLost();
        assertEquals(0, stale.failed.get(), () -> "a valid token keeps serving: " + stale.failuresByKey);
        assertEquals(1, staleFetches, "one background refresh, then IMS is given a rest");
        assertEquals(ATTEMPTS_PER_FETCH, imsWhileStale - imsWhileFresh, "imsMaxRetries+1 attempts for that refresh");
        // expired
        expiredSequential.assertNoneLost();
        expiredConcurrent.assertNoneLost();
        assertEquals(5, expiredSequential.failed.get());
        assertEquals(THREADS * 5, expiredConcurrent.failed.get());
        for (Throwable e : expiredSequential.failuresByKey.values()) {
            AccsAuthenticationException a = assertInstanceOf(AccsAuthenticationException.class, e.getCause(), e::toString);
            assertEquals(503, a.getStatusCode());
            assertEquals("ims-down", a.getDebugId());
        }
        expiredConcurrent.failuresByKey.values().forEach(e -> assertNotNull(
                FaultSupport.causeOf(e, AccsAuthenticationException.class), e::toString));
        assertEquals(5L * ATTEMPTS_PER_FETCH, imsAfterSequential - imsWhileStale, "5 fetches, imsMaxRetries+1 attempts each");
        assertEquals(expiredFetches - 5, (imsAfterExpiry - imsAfterSequential) / ATTEMPTS_PER_FETCH);
        assertEquals(0, (imsAfterExpiry - imsAfterSequential) % ATTEMPTS_PER_FETCH, "whole fetches only");
        assertTrue(expiredFetches - 5 <= THREADS * 5, "at most one fetch per exchange");
        assertEquals(0, commerceWithoutToken, "no Commerce request without a token");
        // recovered
        recovered.assertNoneLost();
        assertEquals(0, recovered.failed.get(), () -> "recovered: " + recovered.failuresByKey);
        assertEquals(1, imsAfterRecovery - imsAfterExpiry, "one token for everyone once IMS is back");
        assertEquals(1 + THREADS * 5, withNewToken);
    }

    @Test
    void unreachableImsAfterExpiryFailsEachFetchAfterBoundedAttempts() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("tok-1", 3600)));
        start();
        product("FIRST");

        imsDown(Fault.CONNECTION_RESET_BY_PEER);
        clock.advance(Duration.ofSeconds(3600));
        FaultSupport.Ledger ledger = new FaultSupport.Ledger(camel.context());
        for (int i = 0; i < 4; i++) {
            String sku = "DOWN-" + i;
            ledger.call(sku, () -> product(sku));
        }
        int imsAttempts = tokenRequests(wm) - 1;

        imsBack("tok-2");
        Object back = product("BACK");

        report("unreachableImsAfterExpiryFailsEachFetchAfterBoundedAttempts", ledger + ", IMS attempts " + imsAttempts
                                                                              + " for 4 fetches");
        ledger.assertNoneLost();
        assertEquals(4, ledger.failed.get());
        for (Throwable e : ledger.failuresByKey.values()) {
            AccsAuthenticationException a = assertInstanceOf(AccsAuthenticationException.class, e.getCause(), e::toString);
            assertEquals(0, a.getStatusCode(), "no answer from IMS");
            assertTrue(a.getMessage().contains("after " + ATTEMPTS_PER_FETCH + " attempt"), a.getMessage());
        }
        assertEquals(4 * ATTEMPTS_PER_FETCH, imsAttempts);
        assertEquals(Boolean.TRUE, ((Map<?, ?>) back).get("ok"));
        assertEquals(4 * ATTEMPTS_PER_FETCH + 2, tokenRequests(wm));
    }
}
