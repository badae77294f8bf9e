package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route stop ends the waits of the calls that begin while it is under way, not only of those it found waiting: an
 * exchange that leaves a {@code delay} during the stop and meets a Retry-After would otherwise keep the stop waiting
 * for the pause. Once Camel gives the stop up, the route runs on and its calls wait as usual.
 */
class StopUnderWayTest {

    private static final String PRODUCT_A = "/t/V1/products/A";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        // long enough that a 30 s Retry-After is waited out rather than given up at once
        c.setRetryTimeout(120_000);
    }, context -> {
        // were the stop to wait for the pause, it would take this long: the assertions below would fail first
        context.getShutdownStrategy().setTimeout(40);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:late").routeId("late")
                        .delay(header("pause"))
                        .to("accs:get:/V1/products/{sku}");
            }
        });
    }).withTokenIssued("token-A");

    private CompletableFuture<Exchange> send(String sku, long pauseMillis) {
        return camel.template().asyncSend("direct:late", e -> {
            e.getMessage().setHeader("sku", sku);
            e.getMessage().setHeader("pause", pauseMillis);
        });
    }

    private static Exchange outcome(CompletableFuture<Exchange> sent) {
        return sent.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aCallThatMeetsARetryAfterWhileItsRouteIsStoppingEndsAtOnce() throws Exception {
        // the token is at hand: the call's only wait is the Retry-After
        wm.stubFor(get(urlEqualTo("/t/V1/products/B")).willReturn(okJson("{\"sku\":\"B\"}")));
        assertNull(outcome(send("B", 0)).getException());
        wm.stubFor(get(urlEqualTo(PRODUCT_A)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"message\":\"Too many requests\"}")));
        // in the delay when the stop begins: its accs call starts while the route is stopping
        CompletableFuture<Exchange> sent = send("A", 1500);
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.context().getInflightRepository().size("late") == 1);

        Instant stopBegan = Instant.now();
        camel.context().getRouteController().stopRoute("late");
        long stopMillis = Duration.between(stopBegan, Instant.now()).toMillis();

        assertTrue(stopMillis < 10_000, "the route stopped in " + stopMillis + " ms, not after the 30 s pause");
        AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, outcome(sent).getException());
        assertEquals("GET /V1/products/A: route late is stopping while waiting for a Retry-After of 30000 ms after HTTP"
                     + " 429", e.getMessage());
        // asked once, after the stop had begun, and not asked again
        LoggedRequest asked = wm.findAll(getRequestedFor(urlEqualTo(PRODUCT_A))).get(0);
        assertFalse(asked.getLoggedDate().toInstant().isBefore(stopBegan.minusMillis(1)),
                "the call began after the stop: " + asked.getLoggedDate().toInstant() + " vs " + stopBegan);
        wm.verify(1, getRequestedFor(urlEqualTo(PRODUCT_A)));
    }

    @Test
    void afterAStopCamelGaveUpOnTheRoutesCallsWaitOutTheirPausesAgain() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/B")).willReturn(okJson("{\"sku\":\"B\"}")));
        sequence(wm, "limited", () -> get(urlEqualTo(PRODUCT_A)),
                aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson("{\"sku\":\"A\"}"));
        // keeps the stop from completing within its timeout
        CompletableFuture<Exchange> held = send("B", 2000);
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.context().getInflightRepository().size("late") == 1);

        boolean stopped = camel.context().getRouteController().stopRoute("late", 200, TimeUnit.MILLISECONDS, true);

        assertFalse(stopped, "Camel gave the stop up");
        assertEquals(ServiceStatus.Started, camel.context().getRouteController().getRouteStatus("late"));
        Exchange after = outcome(send("A", 0));
        assertNull(after.getException(), "the running route's call waits out its Retry-After and is answered");
        assertEquals("A", after.getMessage().getBody(java.util.Map.class).get("sku"));
        wm.verify(2, getRequestedFor(urlEqualTo(PRODUCT_A)));
        assertNull(outcome(held).getException());
    }
}
