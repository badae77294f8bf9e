package io.camelaccs.component;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityTest {

    private static final String TOKEN = "tok-OBSERVABILITY-secret";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setMaxRetries(0);
        c.setImsMaxRetries(0);
    }, context -> {
        context.getManagementStrategy(); // JMX, as camel-management is on the class path
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").routeId("get").to("accs:get:/V1/products/{sku}");
            }
        });
        context.build();
        // Camel keeps producer checks off unless asked (camel.health.producers-enabled=true)
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
    });

    private HealthCheck.Result accsHealth() {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invoke(camel.context()).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:accs-")).findFirst();
        assertTrue(result.isPresent(), "an accs producer health check is registered");
        return result.get();
    }

    @Test
    void healthIsUpWhenATokenCanBeHadAndCommerceAnswers() {
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        camel.template().requestBodyAndHeader("direct:get", null, "sku", "A");

        HealthCheck.Result result = accsHealth();

        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals(1L, result.getDetails().get("commerce.requests"));
        assertNoSecret(result.getDetails().toString() + result.getMessage());
    }

    @Test
    void healthIsDownWhenImsRefusesTheClient() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withHeader("x-debug-id", "dbg-h")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_secret\"}")));
        try {
            // the check reports what the last request met; it never asks IMS itself
            camel.template().requestBodyAndHeader("direct:get", null, "sku", "A");
        } catch (RuntimeException expected) {
            // refused by IMS: the health check is what this test reads
        }

        HealthCheck.Result result = accsHealth();

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals("invalid_client", result.getDetails().get("ims.error"));
        assertEquals("dbg-h", result.getDetails().get("ims.debug.id"));
        assertTrue(result.getMessage().orElse("").contains("invalid_client"));
        assertNoSecret(result.getDetails().toString() + result.getMessage());
    }

    @Test
    void healthIsDownWhenCommerceFailsAndUpAgainWhenItAnswers() {
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(aResponse().withStatus(503)));
        try {
            camel.template().requestBodyAndHeader("direct:get", null, "sku", "A");
        } catch (RuntimeException expected) {
            // the exchange fails; the health check is what this test reads
        }
        assertEquals(HealthCheck.State.DOWN, accsHealth().getState());

        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson("{}")));
        camel.template().requestBodyAndHeader("direct:get", null, "sku", "A");
        assertEquals(HealthCheck.State.UP, accsHealth().getState());
    }

    @Test
    void devConsoleAndJmxShowCountersWithoutSecrets() throws Exception {
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).willReturn(okJson("{}")));
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/B")).willReturn(aResponse().withStatus(429)));
        for (int i = 0; i < 3; i++) {
            camel.template().requestBodyAndHeader("direct:get", null, "sku", "A");
        }
        try {
            camel.template().requestBodyAndHeader("direct:get", null, "sku", "B");
        } catch (RuntimeException expected) {
            // a 429 with retries off fails the exchange and counts
        }

        DevConsoleRegistry registry = camel.context().getCamelContextExtension()
                .getContextPlugin(DevConsoleRegistry.class);
        DevConsole console = registry.resolveById("accs");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        Object json = console.call(DevConsole.MediaType.JSON);

        assertTrue(text.contains("Commerce: 4 requests, 0 retries, 1 x 429"), text);
        assertTrue(text.contains("fetches 1"), text);
        assertTrue(text.contains("client_credentials for client test****"), text);
        assertNoSecret(text + json);

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:context="
                                                                 + camel.context().getManagementName()
                                                                 + ",type=components,name=\"accs\""), null);
        assertEquals(1, names.size(), "the component is in JMX");
        ObjectName name = names.iterator().next();
        assertEquals(4L, mbeans.getAttribute(name, "RequestCount"));
        assertEquals(1L, mbeans.getAttribute(name, "RateLimitedCount"));
        assertEquals(1L, mbeans.getAttribute(name, "TokenFetchCount"));
        String summary = (String) mbeans.getAttribute(name, "TokenSummary");
        assertTrue(summary.contains("test****"), summary);
        assertNoSecret(summary);
    }

    private static void assertNoSecret(String text) {
        for (String secret : new String[] { CLIENT_SECRET, TOKEN, CLIENT_ID }) {
            assertFalse(text.contains(secret), () -> "shows " + secret + ": " + text);
        }
    }

}
