package io.camelaccs.component;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Camel's consumer health check on an accs consumer: a failed poll shows with Commerce's status, the watermark the
 * sync will resume from, and when a poll last succeeded.
 */
class ConsumerHealthTest {

    private static final String TOKEN = "tok-CONSUMER-HEALTH-secret";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(
            c -> c.setMaxRetries(0), context -> {
                ImsStubs.tokenIssued(wm, TOKEN, 86399);
                wm.stubFor(get(urlPathEqualTo("/t/V1/orders")).willReturn(aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Internal error\"}")));
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("accs:get:/V1/orders?incrementalField=updated_at&delay=20&initialDelay=0&syncId=orders")
                                .routeId("orders").log("${body}");
                    }
                });
                context.build();
                // a plain CamelContext loads no consumer checks until the repository is asked for (Camel Main does)
                HealthCheckHelper.getHealthCheckRepository(context, "consumers");
            });

    @Test
    void failedPollShowsItsStatusAndTheWatermark() {
        HealthCheck check = HealthCheckRegistry.get(camel.context()).getCheck("consumer:orders").orElseThrow();

        // DOWN alone may be a consumer not polled yet (a loaded machine gets there first): wait for the failed poll
        HealthCheck.Result result = await().atMost(Duration.ofSeconds(10)).until(check::call,
                r -> r.getState() == HealthCheck.State.DOWN && r.getDetails().containsKey(HealthCheck.HTTP_RESPONSE_CODE));

        assertEquals(500, result.getDetails().get(HealthCheck.HTTP_RESPONSE_CODE));
        assertEquals("1970-01-01 00:00:00", result.getDetails().get("accs.watermark"));
        assertEquals("never", result.getDetails().get("accs.last.successful.poll"));
        assertTrue(result.getError().orElseThrow().getMessage().contains("Internal error"));
        String shown = result.getDetails().toString() + result.getMessage();
        assertFalse(shown.contains(TOKEN) || shown.contains(CLIENT_SECRET), shown);
    }
}
