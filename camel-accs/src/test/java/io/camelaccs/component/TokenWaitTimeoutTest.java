package io.camelaccs.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.SecretForms;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.ORG_ID;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exchange waits for a token IMS is slow to issue no longer than {@code tokenTimeout}, then fails saying so; the
 * fetch itself goes on, and the token it brings serves the next exchanges.
 */
class TokenWaitTimeoutTest {

    private static final String PRODUCT = "/t/V1/products/A";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    @Test
    void exchangesWaitingForASlowTokenFailAfterTokenTimeoutAndTheLateTokenServesTheNextOnes() {
        // IMS answers, but only after three seconds
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(ImsStubs.tokenResponse("token-late", 86399)
                .withFixedDelay(3000)));
        wm.stubFor(get(urlEqualTo(PRODUCT)).willReturn(okJson("{\"sku\":\"A\"}")));
        camel.start(c -> {
            c.setOrgId(ORG_ID);
            c.setTokenTimeout(300);
        });

        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(camel.template().asyncSend("accs:get:/V1/products/{sku}", e -> e.getMessage().setHeader("sku", "A")));
        }
        for (CompletableFuture<Exchange> f : sent) {
            Exchange done = f.orTimeout(10, TimeUnit.SECONDS).join();
            AccsAuthenticationException e = assertInstanceOf(AccsAuthenticationException.class, done.getException());
            assertTrue(e.getMessage().startsWith("No token from Adobe IMS within 300 ms (option tokenTimeout) for"
                                                 + " client_credentials for client "),
                    e.getMessage());
            new SecretForms(CLIENT_ID, List.of(CLIENT_SECRET)).assertNoneIn("the timeout's message", e.getMessage());
            assertFalse(e.getMessage().contains(CLIENT_ID), "the client id is masked: " + e.getMessage());
        }
        wm.verify(0, getRequestedFor(urlEqualTo(PRODUCT)));

        // the one fetch still under way brings the token the next exchange uses
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.accs().getTokenFetchCount() == 1);
        Object body = camel.template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "A");

        assertInstanceOf(Map.class, body);
        assertEquals(1, ImsStubs.tokenRequests(wm), "five waiting exchanges, one token request");
        wm.verify(1, getRequestedFor(urlEqualTo(PRODUCT)).withHeader("Authorization", equalTo("Bearer token-late")));
    }

    @Test
    void aSynchronousCallerWaitingOnAnotherCallersFetchIsBoundedToo() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(ImsStubs.tokenResponse("token-late", 86399)
                .withFixedDelay(3000)));
        camel.start(c -> {
            c.setOrgId(ORG_ID);
            c.setTokenTimeout(300);
        });
        var cache = camel.accs().sharedTokenCache(camel.accs().getConfiguration());
        // an asynchronous caller starts the fetch; the synchronous one finds it under way and waits on it
        CompletableFuture<?> first = cache.tokenAsync();

        AccsAuthenticationException e = assertThrows(AccsAuthenticationException.class, cache::token);

        assertTrue(e.getMessage().contains("(option tokenTimeout)"), e.getMessage());
        assertNull(first.handle((t, x) -> null).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTokenTimeoutBelowOneMillisecondIsRefusedAtEndpointCreation() {
        camel.start(c -> c.setOrgId(ORG_ID));

        Exception e = assertThrows(Exception.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products/{sku}?tokenTimeout=0"));

        assertTrue(rootMessage(e).contains("Option tokenTimeout must be at least 1 ms"), rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
