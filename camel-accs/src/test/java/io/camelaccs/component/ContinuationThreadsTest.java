package io.camelaccs.component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
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
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a route does after an accs call that waited runs on threads of its own, never on the component's request
 * workers or its timer: with a single connection (one worker), a slow step after one call must not hold up the retry
 * of another.
 */
class ContinuationThreadsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setOrgId(ORG_ID);
        c.setMaxConnections(1);
    }, context -> context.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
            from("direct:slowAfter").routeId("slowAfter").to("accs:get:/V1/products/{sku}").delay(4000).syncDelayed();
            from("direct:retried").routeId("retried").to("accs:get:/V1/products/{sku}");
        }
    })).withTokenIssued("token-A");

    @Test
    void aSlowStepAfterOneCallDoesNotHoldUpTheRetryOfAnother() {
        wm.stubFor(get(urlEqualTo("/t/V1/products/SLOW")).willReturn(okJson("{\"sku\":\"SLOW\"}")));
        wm.stubFor(get(urlEqualTo("/t/V1/products/B")).inScenario("b").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo("/t/V1/products/B")).inScenario("b").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"sku\":\"B\"}")));

        // the first exchange waits for the startup token, so it goes on after the accs call on another thread, which
        // then sleeps in the delay
        CompletableFuture<Exchange> slow = camel.template().asyncSend("direct:slowAfter",
                e -> e.getMessage().setHeader("sku", "SLOW"));
        CompletableFuture<Exchange> retried = camel.template().asyncSend("direct:retried",
                e -> e.getMessage().setHeader("sku", "B"));

        Exchange b = retried.orTimeout(10, TimeUnit.SECONDS).join();

        assertNull(b.getException());
        assertEquals(200, b.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
        assertFalse(slow.isDone(), "the retry was answered while the other exchange still slept after its call");
        assertNull(slow.orTimeout(10, TimeUnit.SECONDS).join().getException());
    }

    @Test
    void aRetryAfterTheWorkersAreGoneFailsTheExchangeInsteadOfLosingIt() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/B")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));
        CompletableFuture<Exchange> sent = camel.template().asyncSend("accs:get:/V1/products/{sku}?retryTimeout=60000",
                e -> e.getMessage().setHeader("sku", "B"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> wm.findAll(getRequestedFor(
                        urlEqualTo("/t/V1/products/B"))).size() == 1);

        camel.context().stop();

        Exchange done = sent.orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals(AccsStoppedException.class, done.getException().getClass());
    }
}
