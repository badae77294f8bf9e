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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
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
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * accs-events:webhook on a real platform-http engine (Vert.x on a free port), sent to over HTTP as Adobe would: the
 * registration challenge, signed deliveries (a test key pair, its public key served by WireMock standing in for
 * static.adobeioevents.com), and the requests that must never reach the route.
 */
class WebhookConsumerTest {

    static final String KEY_PATH = "/prod/keys/pub-key-test.pem";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";

    @RegisterExtension
    static WireMockExtension keyHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair adobeKeys;
    static KeyPair forgerKeys;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map<String, Object>> routed = new CopyOnWriteArrayList<>();
    private final List<String> routedIds = new CopyOnWriteArrayList<>();
    private final AtomicBoolean routeFails = new AtomicBoolean();
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
        keyHost.stubFor(get(urlEqualTo(KEY_PATH)).willReturn(aResponse().withStatus(200).withBody(pem)));
        keyHost.stubFor(get(urlEqualTo("/csm/validate?id=1")).willReturn(aResponse().withStatus(200)));

        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?publicKeyBaseUrl=" + keyHost.baseUrl()
                     + "&validationUrlHosts=localhost")
                        .routeId("hook")
                        .process(exchange -> {
                            routedIds.add(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
                            routed.add(exchange.getMessage().getBody(Map.class));
                            if (routeFails.get()) {
                                throw new IllegalStateException("search index down");
                            }
                        });
                from("accs-events:webhook:/hooks/recent?replayWindow=1h&publicKeyBaseUrl=" + keyHost.baseUrl())
                        .routeId("recent")
                        .process(exchange -> routedIds.add(
                                exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
            }
        });
        HealthProbe.enable(context);
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Map<String, Object> event(String id, String recipient) {
        return event(id, recipient, Instant.now().toString());
    }

    private Map<String, Object> event(String id, String recipient, String time) {
        return Map.of("specversion", "1.0", "id", "ce-" + id, "event_id", id, "type", SAVE,
                "time", time, "recipient_client_id", recipient,
                "data", Map.of("value", Map.of("sku", "Men's Tee & 100% +1 ü")));
    }

    private static String sign(byte[] body, PrivateKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(body);
        return Base64.getEncoder().encodeToString(rsa.sign());
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        return post("/hooks/commerce", body, headers);
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedDelivery(Object payload, String eventId) throws Exception {
        return signedDelivery("/hooks/commerce", payload, eventId);
    }

    private HttpResponse<String> signedDelivery(String path, Object payload, String eventId) throws Exception {
        byte[] body = json.writeValueAsBytes(payload);
        return post(path, body, Map.of("x-adobe-digital-signature-1", sign(body, adobeKeys.getPrivate()),
                "x-adobe-public-key1-path", KEY_PATH, "x-adobe-event-id", eventId, "x-adobe-delivery-id", "d-" + eventId));
    }

    private AccsEventsComponent events() {
        return context.getComponent("accs-events", AccsEventsComponent.class);
    }

    @Test
    void registrationChallengeIsAnswered() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/hooks/commerce?challenge=8ec8d794-e0ab-42df")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode());
        assertEquals("8ec8d794-e0ab-42df", answer.body());
        assertTrue(routed.isEmpty());
    }

    @Test
    void validationUrlIsFetchedAndNeverRouted() throws Exception {
        String validationUrl = keyHost.baseUrl() + "/csm/validate?id=1";
        HttpResponse<String> answer = post(json.writeValueAsBytes(Map.of("validationUrl", validationUrl)), Map.of());

        assertEquals(200, answer.statusCode());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> keyHost.verify(1, getRequestedFor(urlEqualTo("/csm/validate?id=1"))));
        assertTrue(routed.isEmpty());
    }

    @Test
    void validDeliveryIsProcessedOnceAndItsRedeliveryDropped() throws Exception {
        Map<String, Object> event = event("ev-1", CLIENT_ID);

        HttpResponse<String> first = signedDelivery(event, "ev-1");
        HttpResponse<String> again = signedDelivery(event, "ev-1");

        assertEquals(200, first.statusCode());
        assertEquals(200, again.statusCode(), "a redelivery is acknowledged");
        assertEquals(List.of("ev-1"), routedIds);
        assertEquals("Men's Tee & 100% +1 ü", ((Map<?, ?>) ((Map<?, ?>) routed.get(0).get("data")).get("value")).get("sku"));
        assertEquals(1, events().getDuplicatesDropped());
    }

    @Test
    void forgedUnsignedAndMisaddressedDeliveriesGet401AndNeverReachTheRoute() throws Exception {
        byte[] body = json.writeValueAsBytes(event("ev-2", CLIENT_ID));
        HttpResponse<String> forged = post(body, Map.of("x-adobe-digital-signature-1", sign(body, forgerKeys.getPrivate()),
                "x-adobe-public-key1-path", KEY_PATH));
        HttpResponse<String> unsigned = post(body, Map.of());
        HttpResponse<String> retiredHmac = post(body, Map.of("x-adobe-signature", "aGVsbG8="));
        byte[] tampered = json.writeValueAsBytes(event("ev-2x", CLIENT_ID));
        HttpResponse<String> bodySwapped = post(tampered, Map.of("x-adobe-digital-signature-1", sign(body,
                adobeKeys.getPrivate()), "x-adobe-public-key1-path", KEY_PATH));
        HttpResponse<String> otherClient = signedDelivery(event("ev-3", "someone-else-client"), "ev-3");
        HttpResponse<String> batchWithOneStranger = signedDelivery(
                List.of(event("ev-4", CLIENT_ID), event("ev-5", "someone-else-client")), "ev-4");

        for (HttpResponse<String> r : List.of(forged, unsigned, retiredHmac, bodySwapped, otherClient, batchWithOneStranger)) {
            assertEquals(401, r.statusCode(), r.body());
        }
        assertTrue(routed.isEmpty(), "routed: " + routedIds);
        assertEquals(6, events().getSignatureFailures());
    }

    @Test
    void keyPathThatLeavesTheKeyHostIsRejectedWithoutFetching() throws Exception {
        byte[] body = json.writeValueAsBytes(event("ev-6", CLIENT_ID));
        String signature = sign(body, adobeKeys.getPrivate());
        List<String> escapes = List.of("//evil.example/pub-key.pem", "@evil.example/pub-key.pem",
                "/../../evil.example/pub-key.pem", ".evil.example/pub-key.pem", "/prod/keys/%2e%2e/x.pem",
                "\\\\evil.example\\key.pem");
        List<Integer> statuses = new ArrayList<>();
        for (String path : escapes) {
            statuses.add(post(body, Map.of("x-adobe-digital-signature-1", signature, "x-adobe-public-key1-path", path))
                    .statusCode());
        }

        assertEquals(List.of(401, 401, 401, 401, 401, 401), statuses);
        assertTrue(routed.isEmpty());
        keyHost.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void secondSignatureVerifiesWhenTheFirstKeyIsRotatedOut() throws Exception {
        byte[] body = json.writeValueAsBytes(event("ev-7", CLIENT_ID));
        HttpResponse<String> answer = post(body, Map.of(
                "x-adobe-digital-signature-1", sign(body, forgerKeys.getPrivate()),
                "x-adobe-public-key1-path", "/prod/keys/retired.pem",
                "x-adobe-digital-signature-2", sign(body, adobeKeys.getPrivate()),
                "x-adobe-public-key2-path", KEY_PATH));

        assertEquals(200, answer.statusCode());
        assertEquals(List.of("ev-7"), routedIds);
    }

    @Test
    void failingRouteAnswers5xxSoAdobeDeliversAgain() throws Exception {
        routeFails.set(true);
        HttpResponse<String> failed = signedDelivery(event("ev-8", CLIENT_ID), "ev-8");
        routeFails.set(false);
        HttpResponse<String> redelivered = signedDelivery(event("ev-8", CLIENT_ID), "ev-8");

        assertEquals(500, failed.statusCode());
        assertEquals(200, redelivered.statusCode());
        assertEquals(List.of("ev-8", "ev-8"), routedIds, "the redelivery is not taken for a duplicate");
        assertEquals(1, events().getEventsFailed());
    }

    @Test
    void anEventThatKeepsFailingIsNamedByTheHealthCheckWhichStaysUpForAdobesRetries() throws Exception {
        Map<String, Object> poison = event("ev-poison", CLIENT_ID);
        routeFails.set(true);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(500, signedDelivery(poison, "ev-poison").statusCode());
            var health = HealthProbe.of(context, "hook");
            // DOWN would take the webhook out of service, and Adobe's retry that could cure it would never arrive
            assertEquals(org.apache.camel.health.HealthCheck.State.UP, health.getState());
            assertEquals(attempt >= 5 ? "ev-poison" : null, health.getDetails().get("accs.events.failingEventId"),
                    "after " + attempt + " failures (failureThreshold 5)");
        }
        assertEquals(5, HealthProbe.of(context, "hook").getDetails().get("accs.events.failingEventFailures"));
        assertFalse(HealthProbe.text(HealthProbe.of(context, "hook")).contains("Men's Tee"), "the event's content");

        routeFails.set(false);
        assertEquals(200, signedDelivery(poison, "ev-poison").statusCode());
        assertNull(HealthProbe.of(context, "hook").getDetails().get("accs.events.failingEventId"));
    }

    @Test
    void batchIsOneExchangePerEvent() throws Exception {
        HttpResponse<String> answer = signedDelivery(
                List.of(event("ev-9", CLIENT_ID), event("ev-10", CLIENT_ID), event("ev-11", CLIENT_ID)), "ev-9");

        assertEquals(200, answer.statusCode());
        assertEquals(List.of("ev-9", "ev-10", "ev-11"), routedIds);
        // the key was fetched once, then kept
        keyHost.verify(1, getRequestedFor(urlEqualTo(KEY_PATH)));
    }

    @Test
    void eventOlderThanTheReplayWindowIsRefusedAsAReplay() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> capturedLastWeek = signedDelivery(
                event("ev-12", CLIENT_ID, now.minus(Duration.ofDays(6)).toString()), "ev-12");
        HttpResponse<String> lastRetry = signedDelivery(
                event("ev-13", CLIENT_ID, now.minus(Duration.ofHours(24)).toString()), "ev-13");
        HttpResponse<String> batchWithOneStale = signedDelivery(List.of(event("ev-14", CLIENT_ID),
                event("ev-15", CLIENT_ID, now.minus(Duration.ofHours(26)).toString())), "ev-14");

        assertEquals(400, capturedLastWeek.statusCode(), "400: Adobe does not retry it");
        assertTrue(capturedLastWeek.body().contains("older than replayWindow"), capturedLastWeek.body());
        assertEquals(200, lastRetry.statusCode(), "Adobe retries for 24 hours: its last retry still goes through");
        assertEquals(400, batchWithOneStale.statusCode());
        assertEquals(List.of("ev-13"), routedIds, "nothing of a refused delivery reaches the route");
    }

    @Test
    void replayWindowIsAnOptionInCamelsDurationSyntax() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> twoHoursOld = signedDelivery("/hooks/recent",
                event("ev-18", CLIENT_ID, now.minus(Duration.ofHours(2)).toString()), "ev-18");
        HttpResponse<String> halfAnHourOld = signedDelivery("/hooks/recent",
                event("ev-19", CLIENT_ID, now.minus(Duration.ofMinutes(30)).toString()), "ev-19");

        assertEquals(400, twoHoursOld.statusCode());
        assertTrue(twoHoursOld.body().contains("replayWindow (PT1H)"), twoHoursOld.body());
        assertEquals(200, halfAnHourOld.statusCode());
        assertEquals(List.of("ev-19"), routedIds);
    }

    @Test
    void signedEventWithoutAnIdOrATimeIsRefusedAndTheUnsignedHeaderNeverNamesIt() throws Exception {
        Map<String, Object> noId = Map.of("specversion", "1.0", "type", SAVE, "time", Instant.now().toString(),
                "recipient_client_id", CLIENT_ID, "data", Map.of("value", Map.of("sku", "24-MB01")));
        Map<String, Object> noTime = Map.of("specversion", "1.0", "event_id", "ev-20", "type", SAVE,
                "recipient_client_id", CLIENT_ID, "data", Map.of("value", Map.of("sku", "24-MB01")));

        HttpResponse<String> withoutId = signedDelivery(noId, "id-only-in-the-header");
        HttpResponse<String> withoutTime = signedDelivery(noTime, "ev-20");
        // two events that share an x-adobe-event-id header are still two events: the header is not signed
        HttpResponse<String> first = signedDelivery(event("ev-21", CLIENT_ID), "same-header");
        HttpResponse<String> second = signedDelivery(event("ev-22", CLIENT_ID), "same-header");

        assertEquals(400, withoutId.statusCode());
        assertTrue(withoutId.body().contains("has no event_id or id"), withoutId.body());
        assertEquals(400, withoutTime.statusCode());
        assertTrue(withoutTime.body().contains("has no time"), withoutTime.body());
        assertEquals(List.of(200, 200), List.of(first.statusCode(), second.statusCode()));
        assertEquals(List.of("ev-21", "ev-22"), routedIds);
        assertEquals(0, events().getDuplicatesDropped());
    }
}
