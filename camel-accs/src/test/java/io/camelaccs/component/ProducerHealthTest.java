package io.camelaccs.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenIssued;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static io.camelaccs.testsupport.ImsStubs.tokenResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

/**
 * The producer health check as a Kubernetes probe meets it: readiness only, answered from what the component already
 * knows (no token request, no waiting on one under way), and judged per endpoint, so that one operation failing does
 * not take every producer out of service.
 */
class ProducerHealthTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setMaxRetries(0);
        c.setImsMaxRetries(0);
    }, context -> {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:product").routeId("product").to("accs:get:/V1/products/{sku}");
                from("direct:orders").routeId("orders").to("accs:get:/V1/orders?pageSize=1");
            }
        });
        context.build();
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
    });

    private HealthCheck.Result health(String operation) {
        return HealthCheckHelper.invokeReadiness(camel.context(), "full").stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:accs-"))
                .filter(r -> operation.equals(r.getDetails().get("operation")))
                .findFirst().orElseThrow(() -> new AssertionError("no readiness check for " + operation));
    }

    @Test
    void probeBeforeAnyRequestFetchesNoTokenAndSaysNoneIsHeld() {
        tokenIssued(wm, "tok-health", 86399);

        HealthCheck.Result result = health("GET /V1/products/{sku}");

        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals(AccsProducerHealthCheck.NO_TOKEN_YET, result.getDetails().get("token.state"));
        assertEquals(0, tokenRequests(wm), "a probe never asks IMS");
    }

    @Test
    void devConsoleSaysNoTokenIsHeldWithoutFetchingOne() {
        tokenIssued(wm, "tok-health", 86399);
        DevConsole console = camel.context().getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("accs");

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        String json = String.valueOf(console.call(DevConsole.MediaType.JSON));

        assertTrue(text.contains("no token held yet (the first request fetches one; the console never does)"), text);
        assertTrue(json.contains(AccsProducerHealthCheck.NO_TOKEN_YET), json);
        assertEquals(0, tokenRequests(wm));
    }

    @Test
    void readinessOnlyNeverLiveness() {
        assertTrue(HealthCheckHelper.invokeLiveness(camel.context(), "full").stream()
                .noneMatch(r -> r.getCheck().getId().startsWith("producer:accs-")),
                "an outage must not make Kubernetes restart the pod");
        assertEquals(2, HealthCheckHelper.invokeReadiness(camel.context(), "full").stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:accs-")).count());
    }

    @Test
    void oneEndpointsServerErrorLeavesTheOthersUp() {
        tokenIssued(wm, "tok-health", 86399);
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(aResponse().withStatus(503)));
        wm.stubFor(get(urlPathEqualTo("/t/V1/orders")).willReturn(okJson("{\"items\":[],\"total_count\":0}")));
        camel.template().requestBody("direct:orders", (Object) null);
        try {
            camel.template().requestBodyAndHeader("direct:product", null, "sku", "A");
        } catch (RuntimeException expected) {
            // the 503 is what the check reads
        }

        HealthCheck.Result products = health("GET /V1/products/{sku}");
        HealthCheck.Result orders = health("GET /V1/orders");

        assertEquals(HealthCheck.State.DOWN, products.getState());
        assertTrue(products.getMessage().orElse("").contains("503"), products.getMessage().orElse(""));
        assertEquals(HealthCheck.State.UP, orders.getState(), "the orders endpoint still works: " + orders.getMessage());
        assertEquals("held", orders.getDetails().get("token.state"));
        assertEquals(1, tokenRequests(wm));
    }

    @Test
    void probeAnswersAtOnceWhileATokenRequestHangs() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("tok-slow", 86399).withFixedDelay(4000)));
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(
                () -> camel.template().requestBodyAndHeader("direct:product", null, "sku", "A"));
        await().atMost(Duration.ofSeconds(5)).until(() -> tokenRequests(wm) == 1);

        HealthCheck.Result result = assertTimeoutPreemptively(Duration.ofMillis(1000),
                () -> health("GET /V1/products/{sku}"), "the probe waited on the token request");

        assertEquals(AccsProducerHealthCheck.NO_TOKEN_YET, result.getDetails().get("token.state"));
        assertEquals("A", ((Map<?, ?>) call.join()).get("sku"));
        assertEquals(1, tokenRequests(wm));
        assertFalse(call.isCompletedExceptionally());
    }
}
