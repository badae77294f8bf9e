package io.camelaccs.component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.Exchange;
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
import static io.camelaccs.testsupport.ImsStubs.tokenIssued;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A POST is not retried after an I/O error by default, since Commerce may have processed it; but an error that proves
 * the request never left (no pooled connection free in time, a refused connect) is retried for POST too, as a 429 is.
 */
class UnsentRequestRetryTest {

    private static final String PRODUCTS = "/t/V1/products";
    private static final String SLOW = "/t/V1/products/SLOW";
    private static final Map<String, Object> NEW_PRODUCT = Map.of("product", Map.of("sku", "N", "name", "New"));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    private Exchange createProduct() {
        return camel.template().request("accs:post:/V1/products", e -> e.getMessage().setBody(NEW_PRODUCT));
    }

    @Test
    void aPostThatFoundNoFreeConnectionInTimeIsRetriedAndSentOnce() throws Exception {
        tokenIssued(wm, "token-A", 86399);
        wm.stubFor(get(urlEqualTo(SLOW)).willReturn(okJson("{\"sku\":\"SLOW\"}").withFixedDelay(1000)));
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(okJson("{\"id\":7,\"sku\":\"N\"}")));
        camel.start(c -> {
            c.setMaxConnections(1);
            c.setConnectionRequestTimeout(100);
            c.setRetryDelay(100);
            c.setMaxRetries(10);
        });
        // the only connection is held by a slow answer
        CompletableFuture<Exchange> slow = camel.template().asyncSend("accs:get:/V1/products/SLOW", e -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> wm.findAll(getRequestedFor(urlEqualTo(SLOW))).size() == 1);
        assertFalse(slow.isDone(), "the slow answer still holds the connection");

        Exchange created = createProduct();

        assertNull(created.getException(), "the POST waited for a connection again and was sent");
        assertEquals(7, ((Map<?, ?>) created.getMessage().getBody()).get("id"));
        assertTrue(camel.accs().getRetryCount() >= 1, "it was retried: " + camel.accs().getRetryCount());
        wm.verify(1, postRequestedFor(urlEqualTo(PRODUCTS)));
        assertNull(slow.get(10, TimeUnit.SECONDS).getException());
    }

    @Test
    void aPostThatCouldNotConnectIsRetried() throws Exception {
        tokenIssued(wm, "token-A", 86399);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        camel.start(c -> {
            c.setBaseUrl("http://127.0.0.1:" + closed + "/t");
            c.setMaxRetries(2);
            c.setRetryDelay(0);
        });

        Exchange refused = createProduct();

        assertInstanceOf(ConnectException.class, refused.getException());
        assertEquals(2, camel.accs().getRetryCount(), "both retries were made");
        assertEquals(3, camel.accs().getRequestCount());
    }

    @Test
    void aPostWhoseAnswerDidNotComeInTimeIsStillNotRetried() throws Exception {
        tokenIssued(wm, "token-A", 86399);
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(okJson("{\"id\":7}").withFixedDelay(1000)));
        camel.start(c -> {
            c.setReadTimeout(100);
            c.setMaxRetries(2);
            c.setRetryDelay(0);
        });

        Exchange late = createProduct();

        IOException e = assertInstanceOf(SocketTimeoutException.class, late.getException());
        assertTrue(e.getMessage().contains("Read timed out") || e.getMessage().contains("timeout"), e.getMessage());
        assertEquals(0, camel.accs().getRetryCount(), "Commerce may have created the product: no second POST");
        wm.verify(1, postRequestedFor(urlEqualTo(PRODUCTS)));
    }
}
