package io.camelaccs.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.camelaccs.faults.FaultSupport.commerceRequests;
import static io.camelaccs.faults.FaultSupport.report;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static io.camelaccs.testsupport.ImsStubs.tokenResponse;
import static io.camelaccs.testsupport.ScriptedAnswers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IMS refuses the credentials ({@code invalid_client}) while many callers ask: one IMS request per cool-down however
 * many exchanges arrive, every exchange fails with the typed refusal, nothing reaches Commerce, and once the
 * credentials are fixed the first request after the cool-down gets a token. Time moves by hand.
 */
class InvalidClientStormTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 25;
    private static final long COOLDOWN_MS = 30_000;

    @RegisterExtension
    static WireMockExtension wm = FaultSupport.wireMock();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    final AccsOnWireMock camel = FaultSupport.camelOn(wm).withClock(clock);

    private static void refuse() {
        wm.resetMappings();
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(400,
                "{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}")
                .withHeader("x-debug-id", "ims-refused").withFixedDelay(50)));
    }

    @Test
    void oneImsRequestPerCooldownAndEveryExchangeFailsVisibly() throws Exception {
        refuse();
        ProducerTemplate template = camel.start(c -> {
            c.setImsRefusalCooldown(COOLDOWN_MS);
            c.setImsMaxRetries(4);
            c.setImsRetryDelay(1);
            c.setMaxConnections(THREADS);
        }).template();

        // 1. the storm: 200 exchanges at once
        FaultSupport.Ledger storm = new FaultSupport.Ledger(camel.context());
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < PER_THREAD; i++) {
                String sku = "S-" + t + "-" + i;
                storm.call(sku, () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku));
            }
        });
        int imsAfterStorm = tokenRequests(wm);

        // 2. still inside the cool-down
        clock.advance(Duration.ofMillis(COOLDOWN_MS - 1000));
        FaultSupport.Ledger inCooldown = new FaultSupport.Ledger(camel.context());
        for (int i = 0; i < 10; i++) {
            String sku = "C-" + i;
            inCooldown.call(sku, () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku));
        }
        int imsInCooldown = tokenRequests(wm);

        // 3. cool-down over, still refused: one more IMS request for a whole burst
        clock.advance(Duration.ofMillis(2000));
        FaultSupport.Ledger afterCooldown = new FaultSupport.Ledger(camel.context());
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < 5; i++) {
                String sku = "A-" + t + "-" + i;
                afterCooldown.call(sku, () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku));
            }
        });
        int imsAfterSecondCooldown = tokenRequests(wm);

        // 4. credentials fixed at IMS, but the component waits out its cool-down before asking again
        wm.resetMappings();
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).willReturn(okJson("{\"ok\":true}")));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("tok-fixed", 3600)));
        FaultSupport.Ledger fixedInCooldown = new FaultSupport.Ledger(camel.context());
        fixedInCooldown.call("F-0", () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "F-0"));
        int imsFixedInCooldown = tokenRequests(wm);

        // 5. cool-down over: one request, a token, and every exchange goes through
        clock.advance(Duration.ofMillis(COOLDOWN_MS + 1));
        FaultSupport.Ledger recovered = new FaultSupport.Ledger(camel.context());
        ConcurrentCallers.runTogether(THREADS, Duration.ofSeconds(30), t -> {
            for (int i = 0; i < 5; i++) {
                String sku = "R-" + t + "-" + i;
                recovered.call(sku, () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku));
            }
        });
        int imsAfterRecovery = tokenRequests(wm);
        long commerce = commerceRequests(wm);

        report("oneImsRequestPerCooldownAndEveryExchangeFailsVisibly",
                "storm " + storm + ", IMS requests " + imsAfterStorm
                + " | in cool-down " + inCooldown + ", IMS requests " + (imsInCooldown - imsAfterStorm)
                + " | after cool-down " + afterCooldown + ", IMS requests " + (imsAfterSecondCooldown - imsInCooldown)
                + " | fixed but in cool-down " + fixedInCooldown + ", IMS requests "
                + (imsFixedInCooldown - imsAfterSecondCooldown)
                + " | recovered " + recovered + ", IMS requests " + (imsAfterRecovery - imsFixedInCooldown)
                + " | Commerce requests " + commerce);

        for (FaultSupport.Ledger l : new FaultSupport.Ledger[] { storm, inCooldown, afterCooldown, fixedInCooldown, recovered }) {
            l.assertNoneLost();
        }
        assertEquals(THREADS * PER_THREAD, storm.failed.get(), "every exchange of the storm fails visibly");
        for (Throwable e : storm.failuresByKey.values()) {
            AccsAuthenticationException a = assertInstanceOf(AccsAuthenticationException.class, e.getCause(), e::toString);
            assertEquals("invalid_client", a.getError());
            assertEquals(400, a.getStatusCode());
            assertEquals("ims-refused", a.getDebugId());
        }
        assertEquals(1, imsAfterStorm, "one IMS request for the whole storm (a refusal is not retried)");
        assertEquals(10, inCooldown.failed.get());
        assertEquals(1, imsInCooldown, "none in the cool-down");
        assertEquals(THREADS * 5, afterCooldown.failed.get());
        assertEquals(2, imsAfterSecondCooldown, "one more after the cool-down, shared by the burst");
        assertEquals(1, fixedInCooldown.failed.get());
        AccsAuthenticationException replay = FaultSupport.causeOf(fixedInCooldown.failuresByKey.get("F-0"),
                AccsAuthenticationException.class);
        assertNotNull(replay);
        assertTrue(replay.getMessage().contains("not asked again"), replay.getMessage());
        assertEquals(2, imsFixedInCooldown);
        assertEquals(0, recovered.failed.get(), () -> "recovered: " + recovered.failuresByKey);
        assertEquals(3, imsAfterRecovery);
        assertEquals(THREADS * 5, commerce, "only the recovered exchanges reached Commerce");
        assertEquals(Boolean.TRUE, ((Map<?, ?>) recovered.resultsByKey.get("R-0-0")).get("ok"));
    }
}
