package io.camelaccs.component;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exchanges waiting on Commerce (a Retry-After, a bulk's status polls) hold no thread, and a stop of their route or
 * CamelContext fails them at once with an exception that says what they waited for, rather than keeping the shutdown
 * waiting until its timeout and then cutting them off.
 */
class PromptStopTest {

    private static final String PRODUCT = "/t/V1/products/A";
    private static final int WAITING = 20;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setOrgId(ORG_ID);
        // long enough that a 30 s Retry-After is waited out rather than given up at once
        c.setRetryTimeout(120_000);
    }, context -> {
        // were the stop to wait for the pauses, it would take this long: the assertions below would fail first
        context.getShutdownStrategy().setTimeout(40);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:product").routeId("products").to("accs:get:/V1/products/{sku}");
                from("direct:bulk").routeId("bulk")
                        .to("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true&completionTimeout=600000");
            }
        });
    }).withTokenIssued("token-A");

    private List<CompletableFuture<Exchange>> send(String uri, Object body, int count) {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(camel.template().asyncSend(uri, e -> {
                e.getMessage().setHeader("sku", "A");
                e.getMessage().setBody(body);
            }));
        }
        return sent;
    }

    private static void tooManyRequests() {
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody("{\"message\":\"Too many requests\"}")));
    }

    /** Threads standing in the component's code: a thread per waiting exchange would show here. */
    private static List<String> threadsInComponentCode() {
        List<String> found = new ArrayList<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (Arrays.stream(info.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("io.camelaccs.")
                                                                   && !f.getClassName().contains("Test"))) {
                found.add(info.getThreadName() + " " + info.getThreadState());
            }
        }
        return found;
    }

    private static List<Exchange> outcomes(List<CompletableFuture<Exchange>> sent) {
        return sent.stream().map(f -> f.orTimeout(10, TimeUnit.SECONDS).join()).toList();
    }

    @Test
    void stoppingTheRouteEndsExchangesWaitingOutARetryAfterAtOnce() throws Exception {
        tooManyRequests();
        List<CompletableFuture<Exchange>> sent = send("direct:product", null, WAITING);
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == WAITING);

        assertEquals(List.of(), threadsInComponentCode(), "no thread waits for the " + WAITING + " pauses");
        assertTrue(sent.stream().noneMatch(CompletableFuture::isDone), "all of them wait for their retry");

        long start = System.nanoTime();
        camel.context().getRouteController().stopRoute("products");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the route stopped in " + stopMillis + " ms, not after the 30 s pause");
        for (Exchange done : outcomes(sent)) {
            AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, done.getException());
            assertEquals("GET /V1/products/A: route products is stopping while waiting for a Retry-After of 30000 ms"
                         + " after HTTP 429", e.getMessage());
        }
        // the pause was cut short, not ended early by sending the retry
        wm.verify(WAITING, getRequestedFor(urlEqualTo(PRODUCT)));
    }

    @Test
    void stoppingTheContextEndsWaitingExchangesOfRoutesAndOfProducerTemplates() throws Exception {
        tooManyRequests();
        List<CompletableFuture<Exchange>> sent = new ArrayList<>(send("direct:product", null, 3));
        // no route: the producer's own stop ends the wait
        sent.add(camel.template().asyncSend("accs:get:/V1/products/{sku}", e -> e.getMessage().setHeader("sku", "A")));
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == 4);

        long start = System.nanoTime();
        camel.context().stop();
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the context stopped in " + stopMillis + " ms");
        List<Exchange> done = outcomes(sent);
        for (Exchange exchange : done) {
            AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, exchange.getException());
            assertTrue(e.getMessage().contains("while waiting for a Retry-After of 30000 ms after HTTP 429"),
                    e.getMessage());
        }
        assertTrue(done.get(0).getException().getMessage().contains("route products is stopping"),
                done.get(0).getException().getMessage());
        assertTrue(done.get(3).getException().getMessage().contains("the accs producer stopped"),
                done.get(3).getException().getMessage());
    }

    @Test
    void stoppingTheRouteEndsAWaitForCompletionBetweenTwoStatusPolls() throws Exception {
        wm.stubFor(put(urlEqualTo("/t/V1/async/bulk/products/bySku")).willReturn(okJson(
                "{\"bulk_uuid\":\"u-9\",\"request_items\":[{\"id\":0,\"data_hash\":\"h0\",\"status\":\"accepted\"}],"
                + "\"errors\":false}")));
        // a bulk that never completes: the consumer of the queue is down
        wm.stubFor(get(urlEqualTo("/t/V1/bulk/u-9/status")).willReturn(okJson(
                "{\"bulk_id\":\"u-9\",\"operation_count\":1,\"operations_list\":[{\"id\":0,\"status\":4,"
                + "\"result_message\":null}]}")));
        List<CompletableFuture<Exchange>> sent = send("direct:bulk", List.of(Map.of("product",
                Map.of("sku", "A", "price", 10))), 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> wm.findAll(getRequestedFor(urlPathMatching("/t/V1/bulk/u-9/status"))).size() >= 2);

        long start = System.nanoTime();
        camel.context().getRouteController().stopRoute("bulk");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the route stopped in " + stopMillis + " ms, not after the 10 minutes");
        AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, outcomes(sent).get(0).getException());
        assertTrue(e.getMessage().startsWith("waitForCompletion of bulk u-9: route bulk is stopping while waiting for"
                                             + " bulk u-9 to complete (1 of 1 operations open"),
                e.getMessage());
    }

    @Test
    void aRestartedRouteWaitsOutItsPausesAgain() throws Exception {
        tooManyRequests();
        List<CompletableFuture<Exchange>> first = send("direct:product", null, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == 1);
        camel.context().getRouteController().stopRoute("products");
        assertInstanceOf(AccsStoppedException.class, outcomes(first).get(0).getException());

        camel.context().getRouteController().startRoute("products");
        wm.resetRequests();
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        wm.stubFor(get(urlEqualTo(PRODUCT)).inScenario("after").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo(PRODUCT)).inScenario("after").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"sku\":\"A\"}")));

        Exchange again = outcomes(send("direct:product", null, 1)).get(0);

        assertEquals(null, again.getException(), "the restarted route's producer retries again after its pause");
        assertEquals(200, again.getMessage().getHeader(AccsConstants.RESPONSE_CODE));
    }

    @Test
    void aPauseHoldsNoThreadAndTheExchangeContinuesOnAContinuationThreadWithTheRetrysAnswer() throws Exception {
        wm.stubFor(get(urlEqualTo(PRODUCT)).inScenario("limited").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(get(urlEqualTo(PRODUCT)).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"sku\":\"A\",\"name\":\"Bag\"}")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:threads").routeId("threads")
                        .setProperty("before", method(Thread.class, "currentThread().getName()"))
                        .to("accs:get:/V1/products/{sku}")
                        .setProperty("after", method(Thread.class, "currentThread().getName()"));
            }
        });

        Exchange done = outcomes(send("direct:threads", null, 1)).get(0);

        assertEquals(null, done.getException());
        assertEquals("Bag", ((Map<?, ?>) done.getMessage().getBody()).get("name"));
        assertTrue(done.getProperty("after", String.class).contains("AccsExchanges"),
                "once the retry was answered, the route went on on a continuation thread: not on the thread that sent"
                                                                                     + " the first attempt, nor on a"
                                                                                     + " request worker or the timer: "
                                                                                     + done.getProperty("after"));
        wm.verify(2, getRequestedFor(urlEqualTo(PRODUCT)));
    }

    @Test
    void stoppingAConsumerEndsItsPollWaitingOutARetryAfter() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/t/V1/orders"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=10&initialDelay=0&syncId=orders")
                        .routeId("orders").to("mock:orders");
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(
                urlPathEqualTo("/t/V1/orders"))).size() == 1);

        long start = System.nanoTime();
        camel.context().getRouteController().stopRoute("orders");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the consumer stopped in " + stopMillis + " ms, not after the 30 s pause");
        assertEquals(1, wm.findAll(getRequestedFor(
                urlPathEqualTo("/t/V1/orders"))).size());
    }

    @Test
    void stoppingTheRouteEndsAWaitForATokenAndTheLateTokenSendsNothing() throws Exception {
        // IMS is slow with the first token; the exchange waits for it without a thread
        wm.stubFor(post(urlEqualTo(ImsStubs.TOKEN_PATH))
                .willReturn(ImsStubs.tokenResponse("token-late", 86399).withFixedDelay(1500)));
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(okJson("{\"sku\":\"A\"}")));
        List<CompletableFuture<Exchange>> sent = send("direct:product", null, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ImsStubs.tokenRequests(wm) == 1);

        camel.context().getRouteController().stopRoute("products");

        AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, outcomes(sent).get(0).getException());
        assertTrue(e.getMessage().startsWith("GET /V1/products/A: route products is stopping while waiting for a token"
                                             + " from IMS (client_credentials for client "), e.getMessage());
        // the token arrives later and serves nobody: the stopped exchange's request is never sent
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.accs().getTokenFetchCount() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).isEmpty());
    }

    @Test
    void aStoppedExchangeIsNotRedeliveredIntoTheServersRetryAfter() throws Exception {
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:redelivered").routeId("redelivered")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0))
                        .to("accs:get:/V1/products/{sku}");
            }
        });
        tooManyRequests();
        List<CompletableFuture<Exchange>> sent = send("direct:redelivered", null, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == 5);

        camel.context().getRouteController().stopRoute("redelivered");

        for (Exchange done : outcomes(sent)) {
            assertInstanceOf(AccsStoppedException.class, done.getException());
        }
        // each asked once and told to wait 30 s: not asked again at once by three redeliveries each
        wm.verify(5, getRequestedFor(urlEqualTo(PRODUCT)));
    }

    @Test
    void stoppingTheCallingRouteEndsTheWaitOfAnExchangeInTheRouteItCalled() throws Exception {
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as a Kamelet's caller: the route stopped is not the one the accs producer is in
                from("direct:caller").routeId("caller").to("direct:callee");
                from("direct:callee").routeId("callee").to("accs:get:/V1/products/{sku}");
                // toD: Camel names no route to a producer of its cache
                from("direct:dynamic").routeId("dynamic").toD("accs:get:/V1/products/${header.sku}");
            }
        });
        tooManyRequests();
        List<CompletableFuture<Exchange>> called = send("direct:caller", null, 1);
        List<CompletableFuture<Exchange>> dynamic = send("direct:dynamic", null, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(PRODUCT))).size() == 2);

        long start = System.nanoTime();
        camel.context().getRouteController().stopRoute("caller");
        camel.context().getRouteController().stopRoute("dynamic");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "both stopped in " + stopMillis + " ms");
        AccsStoppedException e = assertInstanceOf(AccsStoppedException.class, outcomes(called).get(0).getException());
        assertTrue(e.getMessage().contains("route caller is stopping"), e.getMessage());
        e = assertInstanceOf(AccsStoppedException.class, outcomes(dynamic).get(0).getException());
        assertTrue(e.getMessage().contains("route dynamic is stopping"), e.getMessage());
    }
}
