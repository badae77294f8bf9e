package io.camelaccs.component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenIssued;
import static io.camelaccs.testsupport.ScriptedAnswers.sequence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exchange comes back to its caller, also when it fails: at once, before any request (a header HTTP cannot
 * carry), or later, on another thread (a token IMS refuses after a wait, a step after a retry pause that throws). An
 * exchange whose callback is never called leaves its caller blocked for ever; here the caller waits five seconds at
 * most, so a lost callback fails the test instead of stalling the suite.
 */
class ExchangeCompletionTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
        c.setImsMaxRetries(0);
        c.setRetryDelay(0);
    });

    /**
     * Sends asynchronously and returns the exchange once the producer has called its callback (the template's future
     * completes then), waiting five seconds at most.
     */
    private Exchange completed(String uri, Processor setup) throws Exception {
        CompletableFuture<Exchange> callback = camel.template().asyncSend(uri, setup);
        return callback.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aHeaderThatCannotBeSentFailsTheExchangeBeforeAnyRequest() throws Exception {
        tokenIssued(wm, "token-A", 86399);

        Exchange failed = completed("accs:get:/V1/products/{sku}?requestHeaders=X-Trace", e -> {
            e.getMessage().setHeader("sku", "A");
            e.getMessage().setHeader("X-Trace", "a\r\nInjected: yes");
        });

        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, failed.getException());
        assertTrue(e.getMessage().startsWith("Message header 'X-Trace', selected by option requestHeaders, cannot be"
                                             + " sent"), e.getMessage());
        wm.verify(0, anyRequestedFor(urlPathMatching("/t/.*")));
    }

    @Test
    void aTokenIMSRefusesAfterAWaitFailsTheExchange() throws Exception {
        // the token is not at hand: the exchange waits for IMS without a thread and fails when IMS says no
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400).withFixedDelay(300)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}")));

        Exchange failed = completed("accs:get:/V1/products/{sku}", e -> e.getMessage().setHeader("sku", "A"));

        AccsAuthenticationException e = assertInstanceOf(AccsAuthenticationException.class, failed.getException());
        assertEquals("invalid_client", e.getError());
        wm.verify(0, anyRequestedFor(urlPathMatching("/t/.*")));
    }

    @Test
    void aStepAfterARetryPauseThatThrowsFailsTheExchange() throws Exception {
        tokenIssued(wm, "token-A", 86399);
        // accepted after a 429, but with no bulk_uuid to wait for: the step after the pause throws
        sequence(wm, "async", () -> post(urlEqualTo("/t/V1/async/products")),
                aResponse().withStatus(429).withHeader("Retry-After", "0"), okJson("{\"errors\":false}"));

        Exchange failed = completed("accs:post:/V1/products?mode=async&waitForCompletion=true",
                e -> e.getMessage().setBody(Map.of("product", Map.of("sku", "A"))));

        AccsApiException e = assertInstanceOf(AccsApiException.class, failed.getException());
        assertTrue(e.getMessage().contains("waitForCompletion: the response has no bulk_uuid to wait for"),
                e.getMessage());
    }
}
