package io.camelaccs.component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A path parameter is one path segment on the wire, whatever it holds: Commerce decodes the segment once and looks the
 * SKU up as is, so every character that would end the segment ({@code /}), start the query or fragment ({@code ?},
 * {@code #}), decode to something else ({@code %}, {@code +}) or make the segment a dot segment ({@code .},
 * {@code ..}, which HTTP stacks and proxies remove) must arrive percent-encoded. Checked against the raw request line
 * WireMock received, with the SKU arriving as Camel users meet it: a String header, as from Kafka or JMS, and a
 * parameter of an HTTP query string received by platform-http.
 */
class PathSegmentEncodingTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** A platform-http listener, so a SKU can come from an HTTP query string as in a lookup service. */
    private final int httpPort = freePort();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET).startedBeforeEach(c -> {
    }, context -> {
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(httpPort);
        context.addService(new VertxPlatformHttpServer(http));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:product").to("accs:get:/V1/products/{sku}");
                from("direct:media").to("accs:get:/V1/products/{sku}/media/{entryId}");
                from("platform-http:/lookup").to("accs:get:/V1/products/{sku}").setBody(constant("found"));
            }
        });
    }).withTokenIssued("token-P");

    @ParameterizedTest(name = "[{index}] sku {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            24-MB+01          | 24-MB%2B01
            100%              | 100%25
            50%2F50           | 50%252F50
            A#1               | A%231
            what?             | what%3F
            a&b=c             | a%26b%3Dc
            .                 | %2E
            ..                | %2E%2E
            ...               | ...
            .hidden           | .hidden
            v1.2              | v1.2
            24 MB/01          | 24%20MB%2F01
            /                 | %2F
            ../admin          | ..%2Fadmin
            Müller-Ø          | M%C3%BCller-%C3%98
            製品-1             | %E8%A3%BD%E5%93%81-1
            "a;b,c"           | a%3Bb%2Cc
            ~_-.              | ~_-.
            """)
    void skuIsOnePathSegmentOnTheWire(String sku, String onTheWire) {
        wm.stubFor(get(anyUrl()).willReturn(okJson("{}")));

        camel.template().requestBodyAndHeader("direct:product", null, "sku", sku);

        assertEquals("/t/V1/products/" + onTheWire, commerceUrl());
    }

    @ParameterizedTest(name = "[{index}] {0} and {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ..   | .   | /t/V1/products/%2E%2E/media/%2E
            a/b  | 7?x | /t/V1/products/a%2Fb/media/7%3Fx
            """)
    void everyParameterOfAPathIsEncodedOnItsOwn(String sku, String entryId, String onTheWire) {
        wm.stubFor(get(anyUrl()).willReturn(okJson("{}")));

        camel.template().requestBodyAndHeaders("direct:media", null, Map.of("sku", sku, "entryId", entryId));

        assertEquals(onTheWire, commerceUrl());
    }

    /**
     * The query string of an HTTP request is decoded once by the HTTP server ({@code %2B} is a plus, a bare {@code +}
     * a space, as forms send it), and the SKU it names must reach Commerce as that text in one segment.
     */
    @ParameterizedTest(name = "[{index}] ?{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sku=24-MB%2B01          | /t/V1/products/24-MB%2B01
            sku=24-MB+01            | /t/V1/products/24-MB%2001
            sku=100%25              | /t/V1/products/100%25
            sku=A%231               | /t/V1/products/A%231
            sku=what%3F             | /t/V1/products/what%3F
            sku=.                   | /t/V1/products/%2E
            sku=..                  | /t/V1/products/%2E%2E
            sku=a%2Fb               | /t/V1/products/a%2Fb
            sku=M%C3%BCller         | /t/V1/products/M%C3%BCller
            """)
    void skuFromAnHttpQueryStringIsOnePathSegmentOnTheWire(String query, String onTheWire) throws Exception {
        wm.stubFor(get(anyUrl()).willReturn(okJson("{}")));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/lookup?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(onTheWire, commerceUrl());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request target exactly as WireMock received it, not decoded. */
    private static String commerceUrl() {
        List<String> urls = wm.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getUrl()).filter(u -> !u.equals(TOKEN_PATH)).toList();
        assertEquals(1, urls.size(), () -> "one Commerce request: " + urls);
        return urls.get(0);
    }
}
