package io.camelaccs.component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headers an accs call reads and writes, across the steps of a route: a caller's token goes no further than the
 * call it was for, and the result headers always describe the last call, never an earlier one.
 */
class MessageHeadersTest {

    private static final String CALLER_TOKEN = "caller-token-NEVER-FORWARDED";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    /** What the step after the accs call saw: its headers, and the exchange's properties as text. */
    private final List<Map<String, Object>> nextStepHeaders = new CopyOnWriteArrayList<>();
    private final List<String> nextStepProperties = new CopyOnWriteArrayList<>();

    private void startCallerTokenRoute() throws Exception {
        camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.ACCESS_TOKEN);
            c.setClientSecret(null);
        });
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).process(this::next);
                from("direct:caller").to("accs:get:/V1/products/{sku}").process(this::next);
            }

            private void next(Exchange e) {
                nextStep(e);
            }
        });
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // no onException here: the error handler redelivers
                from("direct:redelivered").errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .to("accs:post:/V1/orders/{id}/comments").process(e -> nextStep(e));
            }
        });
    }

    private void nextStep(Exchange e) {
        // a Kafka producer or a log step would forward or print these
        nextStepHeaders.add(new HashMap<>(e.getMessage().getHeaders()));
        nextStepProperties.add(e.getProperties().toString());
    }

    @Test
    void callerTokenIsUsedThenRemovedFromTheMessage() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        startCallerTokenRoute();

        camel.template().sendBodyAndHeaders("direct:caller", null, Map.of("sku", "A", AccsConstants.ACCESS_TOKEN,
                CALLER_TOKEN));

        wm.verify(getRequestedFor(urlEqualTo("/t/V1/products/A")).withHeader("Authorization",
                equalTo("Bearer " + CALLER_TOKEN)));
        assertFalse(nextStepHeaders.get(0).containsKey(AccsConstants.ACCESS_TOKEN));
        assertFalse(nextStepProperties.get(0).contains(CALLER_TOKEN), nextStepProperties.get(0));
        assertEquals(0, ImsStubs.tokenRequests(wm));
    }

    @Test
    void callerTokenIsRemovedWhenTheCallFails() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/A")).willReturn(status(401)));
        startCallerTokenRoute();

        camel.template().sendBodyAndHeaders("direct:caller", null, Map.of("sku", "A", AccsConstants.ACCESS_TOKEN,
                CALLER_TOKEN));

        assertEquals(1, nextStepHeaders.size(), "the error handler's step ran");
        assertFalse(nextStepHeaders.get(0).containsKey(AccsConstants.ACCESS_TOKEN));
        assertEquals(401, nextStepHeaders.get(0).get(AccsConstants.RESPONSE_CODE));
        assertFalse(nextStepProperties.get(0).contains(CALLER_TOKEN), nextStepProperties.get(0));
    }

    @Test
    void aRedeliveryStillHasTheCallersToken() throws Exception {
        String path = "/t/V1/orders/7/comments";
        wm.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(status(500)).willSetStateTo("up"));
        wm.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("true")));
        startCallerTokenRoute();

        camel.template().sendBodyAndHeaders("direct:redelivered", "{\"statusHistory\":{\"comment\":\"hi\"}}",
                Map.of("id", 7, AccsConstants.ACCESS_TOKEN, CALLER_TOKEN));

        wm.verify(2, postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + CALLER_TOKEN)));
        assertEquals(1, nextStepHeaders.size(), "the redelivery succeeded");
        assertFalse(nextStepHeaders.get(0).containsKey(AccsConstants.ACCESS_TOKEN));
        assertFalse(nextStepProperties.get(0).contains(CALLER_TOKEN), nextStepProperties.get(0));
        assertFalse(nextStepProperties.get(0).contains(AccsEndpoint.CALLER_TOKEN_PROPERTY),
                "kept for the redelivery only, gone once the call succeeded");
    }

    @Test
    void aTokenHeaderIsRemovedAlsoWhereTheComponentHoldsItsOwnToken() {
        ImsStubs.tokenIssued(wm, "own", 86399);
        wm.stubFor(get(urlEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        camel.start(c -> {
        });

        Exchange result = camel.template().send("accs:get:/V1/products/A",
                e -> e.getMessage().setHeader(AccsConstants.ACCESS_TOKEN, CALLER_TOKEN));

        wm.verify(getRequestedFor(urlEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer own")));
        assertNull(result.getMessage().getHeader(AccsConstants.ACCESS_TOKEN));
    }

    @Test
    void resultHeadersOfAnEarlierCallNeverSurviveTheNextOne() {
        ImsStubs.tokenIssued(wm, "own", 86399);
        wm.stubFor(get(urlPathEqualTo("/t/V1/products")).willReturn(okJson("{\"items\":[{\"sku\":\"A\"}],\"total_count\":1}")
                .withHeader("x-debug-id", "search-debug-id")));
        wm.stubFor(put(urlEqualTo("/t/V1/async/products/A")).willReturn(okJson("{\"bulk_uuid\":\"u-1\"}")));
        wm.stubFor(get(urlEqualTo("/t/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        wm.stubFor(get(urlEqualTo("/t/V1/products/GONE")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"not found\"}")));
        camel.start(c -> {
        });

        Exchange e = camel.template().send("accs:get:/V1/products?filter=sku eq 'A'", x -> {
        });
        assertEquals(1L, e.getMessage().getHeader(AccsConstants.TOTAL_COUNT));
        assertEquals("search-debug-id", e.getMessage().getHeader(AccsConstants.DEBUG_ID));

        // a search, then an async PUT on the same message: no total count, no debug id of the search
        e.getMessage().setHeader("sku", "A");
        camel.template().send("accs:put:/V1/products/{sku}?mode=async", e);
        assertEquals("u-1", e.getMessage().getHeader(AccsConstants.BULK_UUID));
        assertNull(e.getMessage().getHeader(AccsConstants.TOTAL_COUNT));
        assertNull(e.getMessage().getHeader(AccsConstants.DEBUG_ID));

        // then a GET by sku: no bulk uuid of the PUT
        camel.template().send("accs:get:/V1/products/{sku}", e);
        assertNull(e.getMessage().getHeader(AccsConstants.BULK_UUID));
        assertNull(e.getMessage().getHeader(AccsConstants.TOTAL_COUNT));
        assertEquals(200, e.getMessage().getHeader(AccsConstants.RESPONSE_CODE));

        // then a failing GET with throwExceptionOnFailure=false: its own status, nothing of the others
        e.getMessage().setHeader("sku", "GONE");
        camel.template().send("accs:get:/V1/products/{sku}?throwExceptionOnFailure=false", e);
        assertEquals(404, e.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
        assertEquals(404, e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertTrue(e.getMessage().getHeaders().keySet().stream().filter(h -> h.startsWith("CamelAccs"))
                .allMatch(h -> h.equals(AccsConstants.RESPONSE_CODE)), e.getMessage().getHeaders().toString());
        assertInstanceOf(Map.class, e.getMessage().getBody());
    }
}
