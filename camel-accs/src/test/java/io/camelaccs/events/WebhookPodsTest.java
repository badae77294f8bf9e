package io.camelaccs.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.test.AvailablePortFinder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook receivers on two pods (two contexts, each with its own repository instances) share Camel's JDBC
 * repositories on one database through a {@link SharedEventRepository}: completed ids in a
 * {@code JdbcMessageIdRepository}, running ids in a {@link JdbcEventClaims}. The in-flight rule
 * holds across pods: a retry that reaches pod B while pod A runs the event gets 429 and does not run it, and the claim
 * of a pod that died expires so that a later retry runs the event.
 */
class WebhookPodsTest {

    static final String KEY_PATH = "/prod/keys/pub-key-test.pem";
    static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    /** The lease of a running event: kept alive every 200 ms by its pod, expired 1.5 s after it stops. */
    static final long LOCK_MAX_AGE_MS = 1500;
    static final long KEEP_ALIVE_MS = 200;

    @RegisterExtension
    static WireMockExtension keyHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static KeyPair adobeKeys;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<CamelContext> contexts = new ArrayList<>();
    private final CountDownLatch firstAttemptMayFail = new CountDownLatch(1);
    private final CountDownLatch firstAttemptRunning = new CountDownLatch(1);
    private DataSource db;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        adobeKeys = generator.generateKeyPair();
    }

    @BeforeEach
    void setUp() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                     + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                             .encodeToString(adobeKeys.getPublic().getEncoded())
                     + "\n-----END PUBLIC KEY-----\n";
        keyHost.stubFor(get(urlEqualTo(KEY_PATH)).willReturn(aResponse().withStatus(200).withBody(pem)));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db = h2;
    }

    @AfterEach
    void stop() {
        firstAttemptMayFail.countDown();
        contexts.forEach(CamelContext::stop);
    }

    /** What each pod binds: its own repository instances on the shared database. */
    static SharedEventRepository eventIds(DataSource db) {
        JdbcMessageIdRepository completed = new JdbcMessageIdRepository(db, "commerce-events");
        JdbcEventClaims running = new JdbcEventClaims(db, "commerce-events-running");
        running.setLockMaxAgeMillis(LOCK_MAX_AGE_MS);
        running.setLockKeepAliveIntervalMillis(KEEP_ALIVE_MS);
        return new SharedEventRepository(completed, running);
    }

    /** A pod receiving at {@code /hooks/commerce} on a port of its own. */
    private int pod(Processor route) throws Exception {
        return pod(route, eventIds(db));
    }

    private int pod(Processor route, SharedEventRepository eventIds) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("eventIds", eventIds);
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?idempotentRepository=#eventIds&publicKeyBaseUrl="
                     + keyHost.baseUrl())
                        .routeId("hook").process(route);
            }
        });
        context.start();
        contexts.add(context);
        return port;
    }

    private Processor firstAttemptHeldThenFailing(List<String> routed) {
        AtomicInteger attempts = new AtomicInteger();
        return exchange -> {
            routed.add(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
            if (attempts.incrementAndGet() == 1) {
                firstAttemptRunning.countDown();
                assertTrue(firstAttemptMayFail.await(20, TimeUnit.SECONDS));
                throw new IllegalStateException("search index down");
            }
        };
    }

    private static Processor recording(List<String> routed) {
        return e -> routed.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
    }

    private byte[] event(String id) throws Exception {
        return json.writeValueAsBytes(Map.of("specversion", "1.0", "id", "ce-" + id, "event_id", id, "type", SAVE,
                "time", Instant.now().toString(), "recipient_client_id", CLIENT_ID,
                "data", Map.of("value", Map.of("sku", "24-MB01"))));
    }

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

    private int send(int port, byte[] body) throws Exception {
        return http.send(delivery(port, body), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aRetryReachingPodBWhileTheEventRunsOnPodAGets429AndTheEventRunsOnceAtATime() throws Exception {
        List<String> routedInA = new CopyOnWriteArrayList<>();
        List<String> routedInB = new CopyOnWriteArrayList<>();
        int a = pod(firstAttemptHeldThenFailing(routedInA));
        int b = pod(recording(routedInB));
        byte[] event = event("ev-7");

        CompletableFuture<HttpResponse<String>> first = http.sendAsync(delivery(a, event),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(firstAttemptRunning.await(10, TimeUnit.SECONDS));
        int retryAtB = send(b, event);
        List<String> routedInBWhileARan = List.copyOf(routedInB);
        firstAttemptMayFail.countDown();
        int firstAnswer = first.get(10, TimeUnit.SECONDS).statusCode();
        int laterRetryAtB = send(b, event);
        int laterRetryAtA = send(a, event);

        assertEquals(429, retryAtB, "B does not acknowledge an event that runs on A");
        assertEquals(List.of(), routedInBWhileARan);
        assertEquals(500, firstAnswer, "A's attempt failed");
        assertEquals(200, laterRetryAtB, "the retry after A's failure runs on B");
        assertEquals(List.of("ev-7"), routedInB, "B ran the event once: not while A ran it");
        assertEquals(200, laterRetryAtA, "completed on B, a duplicate for A");
        assertEquals(List.of("ev-7"), routedInA, "A ran only its failed attempt");
    }

    /**
     * The shared store failing as the event's claim is released (a database blip on the DELETE): the event completed
     * all the same, and this pod must not go on taking it for running. Its shared claim expires by itself.
     */
    @Test
    void aClaimThatCannotBeReleasedLeavesTheEventDoneNotRunning() throws Exception {
        List<String> routed = new CopyOnWriteArrayList<>();
        JdbcEventClaims failingRelease = new JdbcEventClaims(db, "commerce-events-running") {
            @Override
            public boolean remove(String key) {
                super.remove(key);
                throw new IllegalStateException("Could not release the claim: connection reset");
            }
        };
        failingRelease.setLockMaxAgeMillis(LOCK_MAX_AGE_MS);
        failingRelease.setLockKeepAliveIntervalMillis(KEEP_ALIVE_MS);
        int a = pod(recording(routed),
                new SharedEventRepository(new JdbcMessageIdRepository(db, "commerce-events"), failingRelease));
        byte[] event = event("ev-11");

        assertEquals(200, send(a, event));
        assertEquals(200, send(a, event), "a duplicate now, not an event still running (429)");
        assertEquals(List.of("ev-11"), routed);
    }

    @Test
    void theClaimOfAPodThatDiedMidEventExpiresAndARetryRunsTheEvent() throws Exception {
        List<String> routedInB = new CopyOnWriteArrayList<>();
        int b = pod(recording(routedInB));
        // pod C claimed the event and died in the middle of it: its claim is no longer kept alive
        SharedEventRepository podC = eventIds(db);
        podC.start();
        assertTrue(podC.claim("ev-9"));
        long died = System.nanoTime();
        podC.stop(); // its keep-alive ends with it, as with the pod

        byte[] event = event("ev-9");
        assertEquals(429, send(b, event), "the claim is fresh: C may still be running it");
        List<Integer> answers = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> {
            int status = send(b, event);
            answers.add(status);
            return status == 200;
        });
        long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);

        assertTrue(afterMs >= LOCK_MAX_AGE_MS, "not before the claim expired: " + afterMs + " ms");
        assertEquals(List.of("ev-9"), routedInB);
        assertTrue(answers.subList(0, answers.size() - 1).stream().allMatch(s -> s == 429), answers.toString());
        assertEquals(200, send(b, event), "now a duplicate");
        assertEquals(List.of("ev-9"), routedInB);
    }
}
