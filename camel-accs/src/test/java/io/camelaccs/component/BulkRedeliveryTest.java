package io.camelaccs.component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static io.camelaccs.testsupport.ScriptedAnswers.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A waitForCompletion that fails after Commerce accepted the bulk (its completion timeout passed, a status poll failed
 * beyond its retries) is redelivered by Camel's error handler as a wait on the same bulk: the request is posted once,
 * however many redeliveries there are, and the redelivered exchange completes when the bulk does.
 */
class BulkRedeliveryTest {

    private static final String BULK_PATH = "/t/V1/async/bulk/products";
    private static final String STATUS = "/t/V1/bulk/u-5/status";
    private static final String ACCEPTED = "{\"bulk_uuid\":\"u-5\",\"request_items\":[{\"id\":0,\"data_hash\":\"h0\","
                                           + "\"status\":\"accepted\"}],\"errors\":false}";
    private static final String OPEN = "{\"bulk_id\":\"u-5\",\"operation_count\":1,\"operations_list\":[{\"id\":0,"
                                       + "\"status\":4,\"result_message\":null}]}";
    private static final String COMPLETE = "{\"bulk_id\":\"u-5\",\"operation_count\":1,\"operations_list\":[{\"id\":0,"
                                           + "\"status\":1,\"result_message\":\"done\"}]}";
    private static final String BULK = "accs:post:/V1/products?mode=bulk&waitForCompletion=true";
    private static final List<Map<String, Object>> PRODUCTS = List.of(Map.of("product", Map.of("sku", "A")));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        // a status poll is retried once, at once
        c.setMaxRetries(1);
        c.setRetryDelay(0);
    }, context -> context.addRoutes(new RouteBuilder() {
        @Override
        public void configure() {
            errorHandler(defaultErrorHandler().maximumRedeliveries(2).redeliveryDelay(0));
            from("direct:bulk").routeId("bulk").to(BULK);
            from("direct:impatient").routeId("impatient").to(BULK + "&completionTimeout=50");
            from("direct:twice").routeId("twice")
                    .setProperty("products", body())
                    .to(BULK)
                    .setBody(exchangeProperty("products"))
                    .to(BULK);
        }
    })).withTokenIssued("token-A");

    private Exchange send(String uri) throws Exception {
        return camel.template().asyncSend(uri, e -> e.getMessage().setBody(PRODUCTS)).get(10, TimeUnit.SECONDS);
    }

    private static int posts() {
        return wm.findAll(postRequestedFor(urlEqualTo(BULK_PATH))).size();
    }

    @Test
    void aRedeliveryAfterStatusPollsFailedBeyondTheirRetriesWaitsForTheSameBulk() throws Exception {
        wm.stubFor(post(urlEqualTo(BULK_PATH)).willReturn(okJson(ACCEPTED)));
        // the first wait: a poll and its retry both fail; the redelivery's poll finds the bulk complete
        sequence(wm, "status", () -> get(urlEqualTo(STATUS)), status(503), status(503), okJson(COMPLETE));

        Exchange done = send("direct:bulk");

        assertNull(done.getException(), "the redelivered exchange completes with the bulk");
        assertEquals(1, posts(), "the bulk is posted once");
        assertEquals(1, done.getMessage().getHeader(Exchange.REDELIVERY_COUNTER), "it took a redelivery");
        assertEquals("u-5", done.getMessage().getHeader(AccsConstants.BULK_UUID));
        Map<?, ?> body = assertInstanceOf(Map.class, done.getMessage().getBody());
        assertEquals("u-5", body.get("bulk_id"));
        wm.verify(3, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void aRedeliveryAfterTheCompletionTimeoutWaitsForTheSameBulk() throws Exception {
        wm.stubFor(post(urlEqualTo(BULK_PATH)).willReturn(okJson(ACCEPTED)));
        // the first answer comes after the 50 ms completionTimeout: the first wait fails
        sequence(wm, "status", () -> get(urlEqualTo(STATUS)), okJson(OPEN).withFixedDelay(200), okJson(COMPLETE));

        Exchange done = send("direct:impatient");

        assertNull(done.getException(), "the redelivered exchange completes with the bulk");
        assertEquals(1, posts(), "the bulk is posted once");
        assertEquals(1, done.getMessage().getHeader(Exchange.REDELIVERY_COUNTER));
        assertEquals("u-5", ((Map<?, ?>) done.getMessage().getBody()).get("bulk_id"));
    }

    @Test
    void aRouteThatSendsToTheEndpointTwicePostsTwiceAlsoAfterARedelivery() throws Exception {
        wm.stubFor(post(urlEqualTo(BULK_PATH)).willReturn(okJson(ACCEPTED)));
        sequence(wm, "status", () -> get(urlEqualTo(STATUS)), status(503), status(503), okJson(COMPLETE));

        Exchange done = send("direct:twice");

        assertNull(done.getException());
        assertEquals(2, posts(), "the second send is a request of its own, not a redelivery of the first");
        wm.verify(4, getRequestedFor(urlEqualTo(STATUS)));
    }
}
