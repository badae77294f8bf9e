package io.camelaccs.component;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Request bodies as routes hand them over: a file from {@code file:}, a Reader, a ByteBuffer, a stream (cached or
 * not), sent as their exact bytes, and again, identically, when the request is replayed or the exchange redelivered.
 */
class RequestBodiesTest {

    private static final String PRODUCTS = "/t/V1/products";
    /** Pretty-printed, non-ASCII: a re-serialisation would show in the bytes. */
    private static final String PRODUCT_JSON = "{\n  \"product\" : {\n    \"sku\" : \"TEE-ß-東京\",\n"
                                               + "    \"name\" : \"Men's Tee ☕ 100% \\\"cotton\\\"\",\n"
                                               + "    \"price\" : 19.90\n  }\n}\n";
    private static final byte[] PRODUCT_BYTES = PRODUCT_JSON.getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).withClock(clock);

    @Test
    void fileFromTheFileComponentIsPostedAsItsExactBytes(@TempDir Path inbox) throws Exception {
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(okJson("{\"id\":1}")));
        ImsStubs.tokenIssued(wm, "tok", 86399);
        camel.start(c -> {
        });
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?initialDelay=0&delay=10").to("accs:post:/V1/products");
            }
        });

        Files.write(inbox.resolve("tee.json"), PRODUCT_BYTES);

        await().atMost(Duration.ofSeconds(10)).until(() -> posts().size() == 1);
        assertArrayEquals(PRODUCT_BYTES, posts().get(0).getRequest().getBody());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".camel/tee.json")));
    }

    @Test
    void readerByteBufferStreamAndFilesAreSentAsTheirContent(@TempDir Path dir) throws Exception {
        startWithToken();
        Path file = Files.write(dir.resolve("tee.json"), PRODUCT_BYTES);

        camel.template().requestBody("accs:post:/V1/products", new StringReader(PRODUCT_JSON));
        camel.template().requestBody("accs:post:/V1/products", ByteBuffer.wrap(PRODUCT_BYTES));
        camel.template().requestBody("accs:post:/V1/products", new ByteArrayInputStream(PRODUCT_BYTES));
        camel.template().requestBody("accs:post:/V1/products", new StringBuilder(PRODUCT_JSON));
        camel.template().requestBody("accs:post:/V1/products", file.toFile());
        camel.template().requestBody("accs:post:/V1/products", file);

        List<ServeEvent> posts = posts();
        assertEquals(6, posts.size());
        posts.forEach(p -> assertArrayEquals(PRODUCT_BYTES, p.getRequest().getBody()));
    }

    @Test
    void valuesAreStillSerialised() throws Exception {
        startWithToken();

        camel.template().requestBody("accs:post:/V1/products", Map.of("product", Map.of("sku", "東京")));
        camel.template().requestBody("accs:post:/V1/products", new ObjectMapper().readTree("{\"product\":{\"sku\":\"A\"}}"));
        camel.template().requestBody("accs:post:/V1/products", List.of(1, 2));

        List<ServeEvent> posts = posts();
        assertEquals("{\"product\":{\"sku\":\"東京\"}}",
                new String(posts.get(0).getRequest().getBody(), StandardCharsets.UTF_8));
        assertEquals("{\"product\":{\"sku\":\"A\"}}", posts.get(1).getRequest().getBodyAsString());
        assertEquals("[1,2]", posts.get(2).getRequest().getBodyAsString());
    }

    @Test
    void emptyBodyIsSentEmpty() {
        startWithToken();

        camel.template().requestBody("accs:post:/V1/products", "");
        camel.template().requestBody("accs:post:/V1/products", new ByteArrayInputStream(new byte[0]));

        posts().forEach(p -> assertEquals(0, p.getRequest().getBody().length));
        assertEquals(2, posts().size());
    }

    @Test
    void streamCachedBodyIsSentTwiceIdenticallyWhenA401IsReplayed() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(STARTED)
                .willReturn(ImsStubs.tokenResponse("revoked", 86399)).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("second")
                .willReturn(ImsStubs.tokenResponse("fresh", 86399)));
        wm.stubFor(post(urlEqualTo(PRODUCTS)).withHeader("Authorization", equalTo("Bearer revoked"))
                .willReturn(status(401)));
        wm.stubFor(post(urlEqualTo(PRODUCTS)).withHeader("Authorization", equalTo("Bearer fresh"))
                .willReturn(okJson("{\"id\":1}")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/t/V1/store/storeViews"))
                .willReturn(okJson("[]")));
        camel.start(c -> {
        });
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:post").streamCaching().to("accs:post:/V1/products");
            }
        });
        camel.template().requestBody("accs:get:/V1/store/storeViews", (Object) null); // holds token "revoked"
        clock.advance(Duration.ofHours(1)); // an hour-old token, then revoked: the kind a fresh one cures

        Exchange result = camel.template().request("direct:post",
                e -> e.getMessage().setBody(new ByteArrayInputStream(PRODUCT_BYTES)));

        assertNull(result.getException());
        List<ServeEvent> posts = posts();
        assertEquals(2, posts.size(), "sent, rejected, replayed");
        assertArrayEquals(PRODUCT_BYTES, posts.get(0).getRequest().getBody());
        assertArrayEquals(PRODUCT_BYTES, posts.get(1).getRequest().getBody());
    }

    @Test
    void redeliveryAfterAnImsFailureSendsTheSameBody() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(STARTED)
                .willReturn(status(503)).willSetStateTo("up"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("up")
                .willReturn(ImsStubs.tokenResponse("tok", 86399)));
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(okJson("{\"id\":1}")));
        camel.start(c -> c.setImsMaxRetries(0));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0));
                from("direct:once").to("accs:post:/V1/products");
            }
        });

        Exchange plain = camel.template().request("direct:once",
                e -> e.getMessage().setBody(new ByteArrayInputStream(PRODUCT_BYTES)));
        assertNull(plain.getException(), () -> "redelivered, but " + plain.getException());
        assertEquals(2, ImsStubs.tokenRequests(wm), "the first token request failed, the redelivery's succeeded");

        List<ServeEvent> posts = posts();
        assertEquals(1, posts.size(), "sent once, after the redelivery");
        assertArrayEquals(PRODUCT_BYTES, posts.get(0).getRequest().getBody());
    }

    @Test
    void deleteSendsABodyOnlyWhereTheOperationTakesOne() {
        startWithToken();
        wm.stubFor(delete(urlEqualTo("/t/V1/returns/7")).willReturn(okJson("true")));
        wm.stubFor(delete(urlEqualTo("/t/V1/products/A")).willReturn(okJson("true")));

        camel.template().requestBodyAndHeader("accs:delete:/V1/returns/{id}", Map.of("rmaDataObject", Map.of()), "id", 7);
        camel.template().requestBodyAndHeader("accs:delete:/V1/products/{sku}", Map.of("stale", "body"), "sku", "A");

        ServeEvent returns = find("/t/V1/returns/7");
        ServeEvent product = find("/t/V1/products/A");
        assertEquals("{\"rmaDataObject\":{}}", returns.getRequest().getBodyAsString());
        assertEquals(0, product.getRequest().getBody().length, "DELETE /V1/products/{sku} takes no body");
    }

    private void startWithToken() {
        ImsStubs.tokenIssued(wm, "tok", 86399);
        wm.stubFor(post(urlEqualTo(PRODUCTS)).willReturn(aResponse().withStatus(200).withBody("{\"id\":1}")));
        camel.start(c -> {
        });
    }

    /** The POSTs to /V1/products, oldest first. */
    private static List<ServeEvent> posts() {
        List<ServeEvent> newestFirst = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(PRODUCTS) && e.getRequest().getMethod().getName().equals("POST"))
                .toList();
        List<ServeEvent> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static ServeEvent find(String url) {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(url)).findFirst()
                .orElseThrow();
    }
}
