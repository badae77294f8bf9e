package io.camelaccs.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.inbound.RejectionLog;
import io.camelaccs.testsupport.ConcurrentCallers;
import io.camelaccs.testsupport.LogCapture;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker can make the webhook do, sent over HTTP to a real platform-http engine (Vert.x) as an attacker
 * would: forged deliveries that name key paths, a flood of validationUrl posts, challenges carrying markup, and
 * rejected requests by the hundred with ids chosen to spoil the log. Each must cost the server little and Adobe's
 * genuine deliveries nothing.
 */
class WebhookAttackTest {

    static final String KEY_PATH = "/prod/keys/pub-key-genuine.pem";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";

    @RegisterExtension
    static WireMockExtension keyHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair adobeKeys;
    static KeyPair forgerKeys;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> routedIds = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private CamelContext context;
    private int port;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        adobeKeys = generator.generateKeyPair();
        forgerKeys = generator.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                     + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                             .encodeToString(adobeKeys.getPublic().getEncoded())
                     + "\n-----END PUBLIC KEY-----\n";
        keyHost.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(404)));
        keyHost.stubFor(get(urlEqualTo(KEY_PATH)).willReturn(aResponse().withStatus(200).withBody(pem)));
        keyHost.stubFor(get(urlEqualTo("/prod/keys/not-a-key.pem")).willReturn(aResponse().withStatus(200)
                .withBody("<html>maintenance</html>")));

        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.getComponent("accs-events", AccsEventsComponent.class).setClock(clock);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?publicKeyBaseUrl=" + keyHost.baseUrl()
                     + "&validationUrlHosts=localhost")
                        .routeId("hook")
                        .process(e -> routedIds.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private byte[] event(String id) throws Exception {
        return json.writeValueAsBytes(Map.of("specversion", "1.0", "id", "ce-" + id, "event_id", id, "type", SAVE,
                "time", clock.instant().toString(), "recipient_client_id", CLIENT_ID,
                "data", Map.of("value", Map.of("sku", "24-MB01"))));
    }

    private static String sign(byte[] body, PrivateKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(body);
        return Base64.getEncoder().encodeToString(rsa.sign());
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/commerce"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> genuine(String id) throws Exception {
        byte[] body = event(id);
        return post(body, Map.of("x-adobe-digital-signature-1", sign(body, adobeKeys.getPrivate()),
                "x-adobe-public-key1-path", KEY_PATH, "x-adobe-delivery-id", "d-" + id));
    }

    private HttpResponse<String> forged(String id, String keyPath1, String keyPath2) throws Exception {
        byte[] body = event(id);
        String signature = sign(body, forgerKeys.getPrivate());
        Map<String, String> headers = new HashMap<>(Map.of("x-adobe-digital-signature-1", signature,
                "x-adobe-public-key1-path", keyPath1, "x-adobe-delivery-id", "d-" + id));
        if (keyPath2 != null) {
            headers.put("x-adobe-digital-signature-2", signature);
            headers.put("x-adobe-public-key2-path", keyPath2);
        }
        return post(body, headers);
    }

    private int keyFetches() {
        return keyHost.countRequestsMatching(getRequestedFor(urlPathMatching("/(prod|stage)/keys/.*")).build()).getCount();
    }

    private AccsEventsComponent events() {
        return context.getComponent("accs-events", AccsEventsComponent.class);
    }

    @Test
    void forgedDeliveriesNamingKeyPathsDoNotMakeTheServerFetchKeys() throws Exception {
        assertEquals(200, genuine("ev-1").statusCode());
        assertEquals(1, keyFetches());

        // 15 forgeries naming a key the host does not have, and a "key" that is not one: each path asked once
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            statuses.add(forged("forged-" + i, "/prod/keys/pub-key-missing.pem", "/prod/keys/not-a-key.pem").statusCode());
        }
        assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
        assertEquals(3, keyFetches(), "the genuine key once, each failing path once: " + keyFetches());

        // paths outside Adobe's key folders are not fetched at all
        for (String path : List.of("/keys/pub-key-x.pem", "/prod/other/x.pem", "/prod/keys", "/stage/keysx/k.pem")) {
            assertEquals(401, forged("off-" + path.length(), path, null).statusCode(), path);
        }
        assertEquals(3, keyFetches());

        // a new path per forgery: a few are fetched each minute, the rest answered 503 without a request
        statuses.clear();
        for (int i = 0; i < 15; i++) {
            statuses.add(forged("random-" + i, "/prod/keys/pub-key-" + i + ".pem", null).statusCode());
        }
        // the minute's budget of new paths: the 3 above, then new ones up to NEW_PATHS_PER_MINUTE in all
        assertEquals(PublicKeyCache.NEW_PATHS_PER_MINUTE, keyFetches(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 503), statuses.toString());

        // Adobe's own deliveries are not held up: its key is known
        assertEquals(200, genuine("ev-2").statusCode());
        assertEquals(List.of("ev-1", "ev-2"), routedIds);
        // a minute later a failed path may be asked again, once
        clock.advance(PublicKeyCache.FAILURE_TTL.plusSeconds(1));
        forged("forged-again", "/prod/keys/pub-key-missing.pem", null);
        forged("forged-again-2", "/prod/keys/pub-key-missing.pem", null);
        assertEquals(PublicKeyCache.NEW_PATHS_PER_MINUTE + 1, keyFetches());
    }

    @Test
    void fiftyValidationUrlPostsAtOnceMakeOneFetchNotFifty() throws Exception {
        keyHost.stubFor(get(urlEqualTo("/csm/validate?id=1")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(5000))); // longer than the 50 posts take to arrive, even on a busy machine
        byte[] body = json.writeValueAsBytes(Map.of("validationUrl", keyHost.baseUrl() + "/csm/validate?id=1"));
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<String> retryAfter = new CopyOnWriteArrayList<>();

        ConcurrentCallers.runTogether(50, Duration.ofSeconds(30), i -> {
            HttpResponse<String> answer = post(body, Map.of());
            statuses.add(answer.statusCode());
            answer.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
        });

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(49, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertEquals(49, retryAfter.size());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> keyHost.verify(1, getRequestedFor(urlEqualTo("/csm/validate?id=1"))));
        // once it is done, the next registration check is fetched again
        await().atMost(Duration.ofSeconds(15)).until(() -> post(body, Map.of()).statusCode() == 200);
        assertTrue(routedIds.isEmpty());
    }

    @Test
    void challengeIsEchoedOnlyWhenItIsPlainTextAndNeverSniffed() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/hooks/commerce?challenge=8ec8d794-e0ab-42df_v1.2~x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals("8ec8d794-e0ab-42df_v1.2~x", ok.body());
        assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(null));

        for (String challenge : List.of("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%20b", "x".repeat(257),
                "%E2%80%A8", "a%0D%0ASet-Cookie:%20x=1")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/hooks/commerce?challenge=" + challenge)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode(), challenge);
            assertFalse(refused.body().contains("script") || refused.body().contains("Set-Cookie"), refused.body());
            assertEquals("nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(null));
        }
        HttpResponse<String> jsonChallenge = post(json.writeValueAsBytes(Map.of("challenge", "<img src=x onerror=1>")),
                Map.of());
        assertEquals(400, jsonChallenge.statusCode());
        assertEquals(200, post(json.writeValueAsBytes(Map.of("challenge", "abc-123")), Map.of()).statusCode());
    }

    @Test
    void refusedRequestsAreCountedAndLoggedOnceAMinuteWithTheirIdsMadeHarmless() throws Exception {
        String hostile = "d-1\tFAKE 'ERROR' admin logged in " + "x".repeat(5000);
        List<String> warnings;
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 200; i++) {
                assertEquals(401, post(event("ev-" + i), Map.of("x-adobe-delivery-id", hostile)).statusCode());
            }
            clock.advance(RejectionLog.INTERVAL);
            assertEquals(401, post(event("ev-last"), Map.of("x-adobe-delivery-id", "d-last")).statusCode());
            warnings = log.linesOf(WebhookConsumer.class.getName()).stream().filter(l -> l.level().equals("WARN"))
                    .map(LogCapture.Line::text).toList();
        }

        assertEquals(2, warnings.size(), "one WARN a minute, not one per request: " + warnings.size());
        String first = warnings.get(0);
        assertTrue(first.startsWith("Delivery 'd-1?FAKE ?ERROR? admin logged in xxx"), first);
        assertTrue(first.contains("... (" + hostile.length() + " characters) rejected (401): unsigned"), first);
        assertTrue(first.length() < 300, "the id is cut: " + first.length());
        assertTrue(warnings.get(1).contains("'d-last'") && warnings.get(1).contains("199 more requests refused since"),
                warnings.get(1));
        assertEquals(201, events().getRequestsRejected());
        assertEquals(201, events().getSignatureFailures());
        assertTrue(routedIds.isEmpty());
    }

    @Test
    void quotedValuesCannotBreakALogLine() {
        assertEquals("'a?b?c?d?e'", RejectionLog.quote("a\rb\nc\u0085d\u2028e"));
        assertEquals("'it?s'", RejectionLog.quote("it's"));
        assertEquals("(none)", RejectionLog.quote(null));
        String cut = RejectionLog.quote("y".repeat(RejectionLog.MAX_SHOWN + 10));
        assertEquals("'" + "y".repeat(RejectionLog.MAX_SHOWN) + "'... (" + (RejectionLog.MAX_SHOWN + 10) + " characters)",
                cut);
        keyHost.verify(0, getRequestedFor(anyUrl()));
    }
}
