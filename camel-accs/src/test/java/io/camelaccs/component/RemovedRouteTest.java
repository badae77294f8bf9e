package io.camelaccs.component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.CamelContext;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes added and removed at run time (a reload, routes templated per tenant) are not kept by the component once
 * removed, and a route added again under the same id is followed afresh: its stop ends its exchanges' waits.
 */
class RemovedRouteTest {

    private static final String PRODUCT = "/t/V1/products/A";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setRetryTimeout(120_000);
    }, context -> context.getShutdownStrategy().setTimeout(40)).withTokenIssued("token-A");

    private void addRoute(String id) throws Exception {
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + id).routeId(id).to("accs:get:/V1/products/{sku}");
            }
        });
    }

    private void remove(String id) throws Exception {
        CamelContext context = camel.context();
        context.getRouteController().stopRoute(id);
        assertTrue(context.removeRoute(id), "route " + id + " removed");
    }

    private CompletableFuture<Exchange> send(String id) {
        return camel.template().asyncSend("direct:" + id, e -> e.getMessage().setHeader("sku", "A"));
    }

    @Test
    void fiftyRoutesAddedAndRemovedLeaveNothingBehind() throws Exception {
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(okJson("{\"sku\":\"A\"}")));

        for (int i = 0; i < 50; i++) {
            String id = "tenant-" + i;
            addRoute(id);
            assertNull(send(id).get(10, TimeUnit.SECONDS).getException());
            assertEquals(1, camel.accs().followedRouteCount(), "only the running route is followed");
            remove(id);
        }

        assertEquals(0, camel.accs().followedRouteCount(), "no removed route is kept");
        wm.verify(50, getRequestedFor(urlEqualTo(PRODUCT)));
    }

    @Test
    void aRouteAddedAgainUnderItsIdIsFollowedAfresh() throws Exception {
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(okJson("{\"sku\":\"A\"}")));
        addRoute("reloaded");
        assertNull(send("reloaded").get(10, TimeUnit.SECONDS).getException());
        remove("reloaded");
        addRoute("reloaded");
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        CompletableFuture<Exchange> waiting = send("reloaded");
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == 2);

        long start = System.nanoTime();
        camel.context().getRouteController().stopRoute("reloaded");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the route added again stopped in " + stopMillis + " ms");
        AccsStoppedException e = assertInstanceOf(AccsStoppedException.class,
                waiting.get(10, TimeUnit.SECONDS).getException());
        assertTrue(e.getMessage().contains("route reloaded is stopping"), e.getMessage());
        assertEquals(1, camel.accs().followedRouteCount());
    }
}
