package io.camelaccs.component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which message headers reach Commerce as HTTP headers, and which response headers come back: only those the route
 * names (requestHeaders, responseHeaders), never Camel's own, hop-by-hop ones or the credentials the component sends,
 * with the headers arriving as users' routes receive them: from a platform-http request and from Kafka.
 */
class HeaderFilterStrategyTest {

    private static final String TOKEN = "issued-token";
    private static final String PRODUCT = "{\"sku\":\"24-MB01\",\"name\":\"Joust Duffle Bag\"}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    /** The message headers the step after the accs call saw. */
    private final List<Map<String, Object>> after = new CopyOnWriteArrayList<>();

    private void started() {
        camel.start(c -> {
        });
        ImsStubs.tokenIssued(wm, TOKEN, 86399);
    }

    private void route(String from, String accs) throws Exception {
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(accs).process(e -> after.add(new CaseInsensitiveMap(e.getMessage().getHeaders())));
            }
        });
    }

    private static LoggedRequest onlyRequestTo(String path) {
        List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, requests.size(), "requests to " + path);
        return requests.get(0);
    }

    private static LoggedRequest sentWith(String header, String value) {
        List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo("/t/V1/products/24-MB01"))
                .withHeader(header, equalTo(value)));
        assertEquals(1, requests.size(), "requests with " + header + ": " + value);
        return requests.get(0);
    }

    private static String header(LoggedRequest request, String name) {
        return request.containsHeader(name) ? String.join(",", request.getHeaders().getHeader(name).values()) : null;
    }

    @Test
    void platformHttpHeadersReachCommerceOnlyWhenNamedAndNeverCamelHopByHopOrCredentials() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT)));
        started();
        int port = AvailablePortFinder.getNextAvailable();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        camel.context().addService(new VertxPlatformHttpServer(http));
        // a proxy answering with Commerce's bytes; everything a careless route author might list: only the custom
        // headers may pass
        route("platform-http:/products/{sku}", "accs:get:/V1/products/{sku}?rawResponse=true"
                                               + "&requestHeaders=X-Correlation-Id,X-Custom-*,"
                                               + "Authorization,x-api-key,Store,Keep-Alive,TE,Proxy-Authorization,"
                                               + "User-Agent,Camel*,camel*");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> reply = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/products/24-MB01?storeView=x"))
                .header("X-Correlation-Id", "c-1 & 100% \"quoted\" +plus")
                .header("X-Custom-Tenant", "eu")
                .header("X-Unlisted", "must stay home")
                .header("Authorization", "Basic dXNlcjpwYXNzd29yZA==")
                .header("x-api-key", "someone-elses-key")
                .header("Store", "evil_store")
                .header("Keep-Alive", "timeout=5")
                .header("TE", "trailers")
                .header("Proxy-Authorization", "Basic cHJveHk6cHJveHk=")
                .header("User-Agent", "curl/8.0")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals(PRODUCT, reply.body());
        LoggedRequest sent = onlyRequestTo("/t/V1/products/24-MB01");
        assertEquals("c-1 & 100% \"quoted\" +plus", header(sent, "X-Correlation-Id"));
        assertEquals("eu", header(sent, "X-Custom-Tenant"));
        assertEquals("curl/8.0", header(sent, "User-Agent"), "a listed ordinary header is sent");
        assertNull(header(sent, "X-Unlisted"));
        assertEquals("Bearer " + TOKEN, header(sent, "Authorization"));
        assertEquals(CLIENT_ID, header(sent, "x-api-key"));
        assertNull(header(sent, "Store"));
        assertNull(header(sent, "Keep-Alive"));
        assertNull(header(sent, "TE"));
        assertNull(header(sent, "Proxy-Authorization"));
        assertNull(header(sent, "storeView"), "a query parameter of the inbound request is a message header too");
        sent.getHeaders().all().forEach(h -> assertFalse(h.key().toLowerCase().startsWith("camel"), h.key()));
        // the route did receive the Camel headers platform-http sets: they were there to leak
        assertTrue(after.get(0).containsKey(Exchange.HTTP_URI));
    }

    @Test
    void kafkaStyleHeadersAreSentAsTextAndNeverReplaceTheComponentsOwn() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT)));
        started();
        route("direct:kafka", "accs:get:/V1/products/{sku}?requestHeaders=*");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sku", "24-MB01");
        // camel-kafka's default header deserializer hands over bytes; a String deserializer hands over text
        record.put("X-Correlation-Id", "from-kafka".getBytes(StandardCharsets.UTF_8));
        record.put("X-Tenant", "eu");
        record.put("X-Retry", 3);
        record.put("kafka.TOPIC", "products");
        record.put("Authorization", "Bearer stolen");
        record.put("x-api-key", "someone-elses-key");
        record.put("x-gw-ims-org-id", "EVIL@AdobeOrg");
        record.put("Store", "evil_store");
        record.put("Host", "evil.example");
        record.put("Connection", "close");
        record.put("Content-Length", "5");
        record.put("Transfer-Encoding", "chunked");
        record.put("Proxy-Connection", "keep-alive");
        record.put("Upgrade", "h2c");
        record.put("CamelHttpUri", "http://evil.example/");
        record.put("camelLowerCase", "x");
        record.put("CAMELUPPER", "x");

        camel.template().sendBodyAndHeaders("direct:kafka", null, record);

        LoggedRequest sent = onlyRequestTo("/t/V1/products/24-MB01");
        assertEquals("from-kafka", header(sent, "X-Correlation-Id"));
        assertEquals("eu", header(sent, "X-Tenant"));
        assertEquals("3", header(sent, "X-Retry"));
        assertEquals("products", header(sent, "kafka.TOPIC"));
        assertEquals("24-MB01", header(sent, "sku"), "with *, a path parameter's header goes too");
        assertEquals("Bearer " + TOKEN, header(sent, "Authorization"));
        assertEquals(CLIENT_ID, header(sent, "x-api-key"));
        assertNull(header(sent, "x-gw-ims-org-id"));
        assertNull(header(sent, "Store"));
        assertNotEquals("evil.example", header(sent, "Host"));
        assertNotEquals("close", header(sent, "Connection"));
        assertNull(header(sent, "Content-Length"));
        assertNull(header(sent, "Transfer-Encoding"));
        assertNull(header(sent, "Proxy-Connection"));
        assertNull(header(sent, "Upgrade"));
        sent.getHeaders().all().forEach(h -> assertFalse(h.key().toLowerCase().startsWith("camel"), h.key()));
    }

    @Test
    void byDefaultNoMessageHeaderIsSent() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT)));
        started();
        route("direct:plain", "accs:get:/V1/products/{sku}");

        camel.template().sendBodyAndHeaders("direct:plain", null,
                Map.of("sku", "24-MB01", "X-Correlation-Id", "c-1", "User-Agent", "curl/8.0"));

        LoggedRequest sent = onlyRequestTo("/t/V1/products/24-MB01");
        assertNull(header(sent, "X-Correlation-Id"));
        assertNull(header(sent, "sku"));
        assertNotEquals("curl/8.0", header(sent, "User-Agent"));
    }

    @Test
    void listedResponseHeadersAreCopiedBackAndNoOthers() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT)
                .withHeader("x-request-id", "req-42")
                .withHeader("X-Magento-Tags", "cat_p_1")
                .withHeader("X-Magento-Cache-Id", "abc")
                .withHeader("X-Unlisted", "no")
                .withHeader("CamelAccsTotalCount", "999")));
        started();
        route("direct:get", "accs:get:/V1/products/{sku}?responseHeaders=x-request-id,x-magento-*,Camel*,X-Absent");

        camel.template().sendBodyAndHeader("direct:get", null, "sku", "24-MB01");

        Map<String, Object> headers = after.get(0);
        assertEquals("req-42", headers.get("x-request-id"));
        assertEquals("cat_p_1", headers.get("x-magento-tags"));
        assertEquals("abc", headers.get("x-magento-cache-id"));
        assertFalse(headers.containsKey("x-unlisted"));
        assertFalse(headers.containsKey("x-absent"));
        assertFalse(headers.containsKey(AccsConstants.TOTAL_COUNT), "a response cannot write Camel headers");
        assertEquals("req-42", headers.get(AccsConstants.DEBUG_ID), "the component's own mapping is unchanged");
    }

    @Test
    void responseHeadersAreCopiedFromAFailedCallAndFromTheFirstPageOfFetchAll() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/GONE")).willReturn(okJson("{\"message\":\"gone\"}").withStatus(404)
                .withHeader("x-request-id", "req-404")));
        wm.stubFor(get(urlPathEqualTo("/t/V1/products")).willReturn(okJson("{\"items\":[" + PRODUCT + "],"
                                                                           + "\"total_count\":1}")
                .withHeader("x-request-id", "req-search")));
        started();
        route("direct:get", "accs:get:/V1/products/{sku}?responseHeaders=x-request-id&throwExceptionOnFailure=false");
        route("direct:all", "accs:get:/V1/products?fetchAll=true&pageSize=10&responseHeaders=x-request-id");

        camel.template().sendBodyAndHeader("direct:get", null, "sku", "GONE");
        camel.template().sendBody("direct:all", null);

        assertEquals("req-404", after.get(0).get("x-request-id"));
        assertEquals("req-search", after.get(1).get("x-request-id"));
    }

    @Test
    void aHeaderFilterStrategyBeanIsHonouredAndTheCredentialsStayProtected() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT).withHeader("X-Internal-Id", "i")
                .withHeader("X-Public-Id", "p")));
        started();
        // a strategy that keeps X-Internal-* in the company, and knows nothing of credentials or Camel headers
        DefaultHeaderFilterStrategy internal = new DefaultHeaderFilterStrategy();
        internal.setOutFilterStartsWith("X-Internal-");
        internal.setInFilterStartsWith("x-internal-");
        camel.context().getRegistry().bind("noInternal", internal);
        route("direct:custom", "accs:get:/V1/products/{sku}?headerFilterStrategy=#noInternal&requestHeaders=X-*,"
                               + "Authorization,Content-Length&responseHeaders=x-*");
        route("direct:default", "accs:get:/V1/products/{sku}?requestHeaders=X-*");

        Map<String, Object> headers = Map.of("sku", "24-MB01", "X-Internal-Cost", "12.50", "X-Public", "yes",
                "Authorization", "Bearer stolen", "Content-Length", "5");
        Map<String, Object> viaDefault = new LinkedHashMap<>(headers);
        viaDefault.put("X-Public", "again");
        camel.template().sendBodyAndHeaders("direct:custom", null, headers);
        camel.template().sendBodyAndHeaders("direct:default", null, viaDefault);

        LoggedRequest custom = sentWith("X-Public", "yes");
        assertNull(header(custom, "X-Internal-Cost"));
        assertEquals("Bearer " + TOKEN, header(custom, "Authorization"), "whatever the strategy lets through");
        assertNull(header(custom, "Content-Length"));
        assertEquals("12.50", header(sentWith("X-Public", "again"), "X-Internal-Cost"),
                "the default strategy has no such rule");
        assertFalse(after.get(0).containsKey("x-internal-id"));
        assertEquals("p", after.get(0).get("x-public-id"));
    }

    @Test
    void theComponentsStrategyServesEndpointsWithoutTheirOwn() throws Exception {
        wm.stubFor(get(urlEqualTo("/t/V1/products/24-MB01")).willReturn(okJson(PRODUCT)));
        started();
        AccsHeaderFilterStrategy noTrace = new AccsHeaderFilterStrategy();
        noTrace.getOutFilter().add("x-trace");
        camel.accs().setHeaderFilterStrategy(noTrace);
        route("direct:get", "accs:get:/V1/products/{sku}?requestHeaders=X-Trace,X-Tenant");

        camel.template().sendBodyAndHeaders("direct:get", null,
                Map.of("sku", "24-MB01", "X-Trace", "t-1", "X-Tenant", "eu"));

        LoggedRequest sent = onlyRequestTo("/t/V1/products/24-MB01");
        assertNull(header(sent, "X-Trace"));
        assertEquals("eu", header(sent, "X-Tenant"));
    }

    @Test
    void aMissingStrategyBeanOrAnInvalidHeaderNameFailsTheRouteAtStartUp() {
        started();

        ResolveEndpointFailedException missing = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products/{sku}?headerFilterStrategy=#nope"));
        assertInstanceOf(NoSuchBeanException.class, missing.getCause());
        assertTrue(missing.getCause().getMessage().startsWith("No bean could be found in the registry for: nope"),
                missing.getCause().getMessage());

        ResolveEndpointFailedException invalid = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context().getEndpoint("accs:get:/V1/products/{sku}?responseHeaders=x-request-id,X%20Bad"));
        assertEquals("Option responseHeaders: 'X Bad' is not an HTTP header name (character ' ' at 1): give a"
                     + " comma-separated list of header names, where * matches any characters, such as"
                     + " X-Correlation-Id,X-Custom-*", invalid.getCause().getMessage());
    }

    @Test
    void aValueHttpCannotCarryFailsTheExchangeBeforeAnyCall() throws Exception {
        started();
        route("direct:get", "accs:get:/V1/products/{sku}?requestHeaders=X-Note");

        for (String value : List.of("line\r\nX-Injected: yes", "caf\u00e9", "\u65e5\u672c")) {
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> camel.template().sendBodyAndHeaders("direct:get", null,
                            Map.of("sku", "24-MB01", "X-Note", value)));
            String message = e.getCause().getMessage();
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertTrue(message.startsWith("Message header 'X-Note', selected by option requestHeaders, cannot be"
                                          + " sent: its value holds a "), message);
            assertTrue(message.endsWith("Encode the value (URL or Base64 encoding) before the call"), message);
            assertFalse(message.contains(value), "the value is not repeated: " + message);
        }
        wm.verify(0, anyRequestedFor(urlPathEqualTo("/t/V1/products/24-MB01")));
    }
}
