package io.camelaccs.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook delivery is acknowledged (200) only for an event that completed in some route, as Adobe's retries meet
 * it: a retry that arrives while the first attempt is still in the route (Adobe gives up waiting after 10 s), a route
 * that marks the exchange rollback-only, and two consumers (two contexts: two pods, or a blue and a green
 * deployment) sharing one idempotent repository. Each route holds its event on a latch to keep it running.
 */
class WebhookAtLeastOnceTest {

    static final String KEY_PATH = "/prod/keys/pub-key-test.pem";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";

    @RegisterExtension
    static WireMockExtension keyHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair adobeKeys;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CamelContext> contexts = new ArrayList<>();
    /** Opened by the test: the first attempt, held in its route until then, fails. */
    private final CountDownLatch firstAttemptMayFail = new CountDownLatch(1);
    private final CountDownLatch firstAttemptRunning = new CountDownLatch(1);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        adobeKeys = generator.generateKeyPair();
    }

    @BeforeEach
    void keyHost() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                     + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                             .encodeToString(adobeKeys.getPublic().getEncoded())
                     + "\n-----END PUBLIC KEY-----\n";
        keyHost.stubFor(get(urlEqualTo(KEY_PATH)).willReturn(aResponse().withStatus(200).withBody(pem)));
    }

    @AfterEach
    void stop() {
        firstAttemptMayFail.countDown();
        contexts.forEach(CamelContext::stop);
    }

    /** A context receiving at {@code /hooks/commerce} on a port of its own, with the repository as #ids. */
    private int webhook(IdempotentRepository ids, Processor route) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("ids", ids);
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?idempotentRepository=#ids&publicKeyBaseUrl="
                     + keyHost.baseUrl())
                        .routeId("hook").process(route);
            }
        });
        context.start();
        contexts.add(context);
        return port;
    }

    /** A route whose first exchange runs until the test opens the latch, then fails; later ones record the event. */
    private Processor firstAttemptHeldThenFailing(List<String> routed) {
        AtomicInteger attempts = new AtomicInteger();
        return exchange -> {
            if (attempts.incrementAndGet() == 1) {
                firstAttemptRunning.countDown();
                assertTrue(firstAttemptMayFail.await(20, TimeUnit.SECONDS));
                throw new IllegalStateException("search index down");
            }
            routed.add(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
        };
    }

    private byte[] event(String id) throws Exception {
        return json.writeValueAsBytes(Map.of("specversion", "1.0", "id", "ce-" + id, "event_id", id, "type", SAVE,
                "time", Instant.now().toString(), "recipient_client_id", CLIENT_ID,
                "data", Map.of("value", Map.of("sku", "24-MB01"))));
    }

    /** What Adobe sends for every attempt of one event: the same signed body. */
    private HttpRequest delivery(int port, byte[] body) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(adobeKeys.getPrivate());
        rsa.update(body);
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/commerce"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-adobe-digital-signature-1", Base64.getEncoder().encodeToString(rsa.sign()))
                .header("x-adobe-public-key1-path", KEY_PATH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<String> send(int port, byte[] body) throws Exception {
        return http.send(delivery(port, body), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(int port, byte[] body) throws Exception {
        return http.sendAsync(delivery(port, body), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void retryWhileTheFirstAttemptIsStillRunningGets429AndTheEventSurvivesTheFailure() throws Exception {
        List<String> routed = new CopyOnWriteArrayList<>();
        int port = webhook(MemoryIdempotentRepository.memoryIdempotentRepository(), firstAttemptHeldThenFailing(routed));
        byte[] event = event("ev-1");

        CompletableFuture<HttpResponse<String>> first = sendAsync(port, event);
        assertTrue(firstAttemptRunning.await(10, TimeUnit.SECONDS));
        HttpResponse<String> retry = send(port, event);
        firstAttemptMayFail.countDown();
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);
        HttpResponse<String> nextRetry = send(port, event);

        assertEquals(429, retry.statusCode(), "never 200 while the first attempt may still fail: " + retry.body());
        assertEquals("30", retry.headers().firstValue("Retry-After").orElse(null));
        assertEquals(500, firstAnswer.statusCode());
        assertEquals(200, nextRetry.statusCode());
        assertEquals(List.of("ev-1"), routed, "the event ran to completion once, on the retry after the failure");
    }

    @Test
    void rollbackOnlyWithoutAnExceptionAnswers500AndTheRedeliveryRunsAgain() throws Exception {
        List<String> routed = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?publicKeyBaseUrl=" + keyHost.baseUrl())
                        .routeId("hook")
                        .process(e -> routed.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)))
                        // the first time the mirror cannot apply it: undo, without an exception
                        .filter(e -> attempts.incrementAndGet() == 1).markRollbackOnly().end();
            }
        });
        context.start();
        contexts.add(context);
        byte[] event = event("ev-2");

        HttpResponse<String> rolledBack = send(port, event);
        HttpResponse<String> redelivered = send(port, event);
        HttpResponse<String> again = send(port, event);

        assertEquals(500, rolledBack.statusCode(), rolledBack.body());
        assertEquals(200, redelivered.statusCode());
        assertEquals(200, again.statusCode());
        assertEquals(List.of("ev-2", "ev-2"), routed, "run again after the rollback, then a duplicate");
        assertEquals(1, context.getComponent("accs-events", AccsEventsComponent.class).getEventsFailed());
    }

    @Test
    void twoContextsOnOneRepositoryNeverAcknowledgeEachOthersRunningEvent() throws Exception {
        IdempotentRepository shared = MemoryIdempotentRepository.memoryIdempotentRepository();
        List<String> routedInA = new CopyOnWriteArrayList<>();
        List<String> routedInB = new CopyOnWriteArrayList<>();
        int a = webhook(shared, firstAttemptHeldThenFailing(routedInA));
        int b = webhook(shared, e -> routedInB.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
        byte[] event = event("ev-3");

        CompletableFuture<HttpResponse<String>> first = sendAsync(a, event);
        assertTrue(firstAttemptRunning.await(10, TimeUnit.SECONDS));
        HttpResponse<String> retryAtB = send(b, event);
        firstAttemptMayFail.countDown();
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);
        HttpResponse<String> nextRetryAtB = send(b, event);
        HttpResponse<String> lateCopyAtA = send(a, event);

        assertEquals(429, retryAtB.statusCode(), "B knows A is running it: " + retryAtB.body());
        assertEquals(500, firstAnswer.statusCode());
        assertEquals(200, nextRetryAtB.statusCode());
        assertEquals(List.of("ev-3"), routedInB);
        assertEquals(200, lateCopyAtA.statusCode());
        assertTrue(routedInA.isEmpty(), "completed in B: a duplicate for A");
    }

    @Test
    void twoPodsOnOnePersistentRepositoryRunTheEventRatherThanAcknowledgeItWhileItRuns() throws Exception {
        // two processes share the file, not their memory: each has its own repository instance on it
        Path file = dir.resolve("event-ids.dat");
        List<String> routedInA = new CopyOnWriteArrayList<>();
        List<String> routedInB = new CopyOnWriteArrayList<>();
        int a = webhook(FileIdempotentRepository.fileIdempotentRepository(file.toFile()),
                firstAttemptHeldThenFailing(routedInA));
        int b = webhook(FileIdempotentRepository.fileIdempotentRepository(file.toFile()),
                e -> routedInB.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
        byte[] event = event("ev-4");

        CompletableFuture<HttpResponse<String>> first = sendAsync(a, event);
        assertTrue(firstAttemptRunning.await(10, TimeUnit.SECONDS));
        HttpResponse<String> retryAtB = send(b, event);
        firstAttemptMayFail.countDown();
        HttpResponse<String> firstAnswer = first.get(10, TimeUnit.SECONDS);
        HttpResponse<String> retryAtA = send(a, event);

        assertEquals(200, retryAtB.statusCode());
        assertEquals(List.of("ev-4"), routedInB, "B answered 200 only after running the event itself");
        assertEquals(500, firstAnswer.statusCode());
        assertEquals(200, retryAtA.statusCode(), "completed in B, so a duplicate for A");
        assertTrue(routedInA.isEmpty());
        assertTrue(Files.readString(file).contains("ev-4"), "remembered for every process on the file");
    }
}
