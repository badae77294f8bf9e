package io.camelaccs.webhook;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of the accs-webhook consumers (JMX counters, the health check, the dev console, the logs):
 * how Commerce's calls were answered, by kind, and the requests refused, without a bearer token or a payload ever
 * shown; and a flood of forged calls leaves the check UP.
 */
class WebhookObservabilityTest {

    /** The IMS token Commerce adds for a developer_console_oauth subscription: never to be shown anywhere. */
    private static final String TOKEN_MARK = "IMS-BEARER-SECRET-4711";
    /** A shopper's data in a payload: never to be shown anywhere either. */
    private static final String SHOPPER = "Jane Shopper 221B";

    private static KeyPair keys;
    private static KeyPair forger;
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch lateRouteMayFinish = new CountDownLatch(1);
    private CamelContext context;
    private int port;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        forger = generator.generateKeyPair();
    }

    @AfterEach
    void stop() {
        lateRouteMayFinish.countDown();
        if (context != null) {
            context.stop();
        }
    }

    private void start() throws Exception {
        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        context.getManagementStrategy();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("commerceKey", keys.getPublic());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // an expected refusal: handled, so that the log stays quiet (as docs/webhooks.md advises)
                onException(AccsWebhookException.class).handled(true);
                from("accs-webhook:/hooks/rates?publicKey=#bean:commerceKey&requireImsToken=true&maxBodySize=2048")
                        .routeId("rates")
                        .choice()
                            .when(simple("${body[kind]} == 'refuse'"))
                                .throwException(new AccsWebhookException("No shipping to this address"))
                            .when(simple("${body[kind]} == 'fail'"))
                                .throwException(new IllegalStateException("db-host-7 is down"))
                            .when(simple("${body[kind]} == 'invalid'"))
                                .setBody(constant(Map.of("op", "bogus")))
                            .otherwise()
                                .setBody(constant(WebhookOperations.replace("result/0/amount", 6)))
                        .end();
                from("accs-webhook:/hooks/late?publicKey=#bean:commerceKey&replyTimeout=200").routeId("late")
                        .process(e -> lateRouteMayFinish.await(10, TimeUnit.SECONDS));
            }
        });
        context.build();
        // a plain CamelContext loads the health checks when asked (Camel Main does so itself)
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        context.start();
    }

    @Test
    void jmxHealthAndConsoleCountEachKindOfAnswerAndShowNoTokenOrPayload() throws Exception {
        String token = jwt("{\"client_id\":\"" + TOKEN_MARK + "\",\"created_at\":\"" + System.currentTimeMillis()
                           + "\",\"expires_in\":\"86400000\"}");
        String expired = jwt("{\"client_id\":\"" + TOKEN_MARK + "\",\"created_at\":\"1000\",\"expires_in\":\"1000\"}");
        String text;
        Object json;
        String health;
        String logs;
        Map<String, Object> jmx;
        try (LogCapture log = new LogCapture()) {
            start();
            assertEquals(200, call("/hooks/rates", payload("ok"), keys, token).statusCode());
            assertEquals(200, call("/hooks/rates", payload("ok"), keys, token).statusCode());
            assertEquals(200, call("/hooks/rates", payload("refuse"), keys, token).statusCode());
            assertEquals(200, call("/hooks/rates", payload("fail"), keys, token).statusCode());
            assertEquals(200, call("/hooks/rates", payload("invalid"), keys, token).statusCode());
            assertEquals(200, call("/hooks/late", payload("late"), keys, null).statusCode());
            // refused before the route: forged, no token, not JSON, too large, and last (so that the health check
            // shows it) a token that has expired
            assertEquals(401, call("/hooks/rates", payload("ok"), forger, token).statusCode());
            assertEquals(401, call("/hooks/rates", payload("ok"), keys, null).statusCode());
            assertEquals(400, call("/hooks/rates", "[\"" + SHOPPER + "\"]", keys, token).statusCode());
            assertEquals(413, call("/hooks/rates", payload("x".repeat(3000)), keys, token).statusCode());
            assertEquals(401, call("/hooks/rates", payload("ok"), keys, expired).statusCode());
            lateRouteMayFinish.countDown();

            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = mbeans.queryNames(new ObjectName("org.apache.camel:context="
                                                                     + context.getManagementName()
                                                                     + ",type=components,name=\"accs-webhook\""), null);
            assertEquals(1, names.size(), "the component is in JMX");
            ObjectName name = names.iterator().next();
            jmx = new java.util.LinkedHashMap<>();
            for (String attribute : List.of("CallsAnswered", "AnsweredWithRouteException", "FallbacksOnError",
                    "InvalidOperations", "LateAnswers", "BusyAnswers", "RequestsRejected")) {
                jmx.put(attribute, mbeans.getAttribute(name, attribute));
            }
            DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("accs-webhook");
            text = (String) console.call(DevConsole.MediaType.TEXT);
            json = console.call(DevConsole.MediaType.JSON);
            health = HealthCheckHelper.invoke(context, check -> Map.of(), check -> false, "full").stream()
                    .filter(r -> r.getCheck().getId().startsWith("accs-webhook:"))
                    .map(r -> r.getCheck().getId() + " " + r.getState() + " " + r.getDetails() + " " + r.getMessage())
                    .toList().toString();
            context.stop();
            logs = log.text();
        }

        assertEquals(Map.of("CallsAnswered", 2L, "AnsweredWithRouteException", 1L, "FallbacksOnError", 1L,
                "InvalidOperations", 1L, "LateAnswers", 1L, "BusyAnswers", 0L, "RequestsRejected", 5L), jmx);
        assertTrue(health.contains("accs-webhook:rates UP"), "five refused requests leave it UP: " + health);
        assertTrue(health.contains("accs-webhook:late UP"), health);
        assertTrue(health.contains("accs.webhook.answered=2"), health);
        assertTrue(health.contains("accs.webhook.rejected=5"), health);
        assertTrue(health.contains("accs.webhook.lastRejection=401: the bearer token has expired"), health);
        assertTrue(text.contains("Consumer accs-webhook /hooks/rates (route rates)"), text);
        assertTrue(text.contains("answeredWithRouteException: 1"), text);
        assertTrue(text.contains("late: 1"), text);
        for (String shown : List.of(text, json.toString(), health, logs)) {
            assertFalse(shown.contains(TOKEN_MARK), () -> "shows the bearer token: " + shown);
            assertFalse(shown.contains(token.substring(0, 20)), () -> "shows the bearer token: " + shown);
            assertFalse(shown.contains(expired.substring(40)), () -> "shows the bearer token: " + shown);
            assertFalse(shown.contains(SHOPPER), () -> "shows a payload: " + shown);
        }
        for (String shown : List.of(text, json.toString(), health)) {
            // the route's own failure is the route's error handler's to log, not the operator views' to show
            assertFalse(shown.contains("db-host-7"), () -> "shows the route's internals: " + shown);
        }
    }

    @Test
    void aFloodOfForgedCallsLeavesTheCheckUpAndAStoppedRouteIsNoLongerReported() throws Exception {
        start();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(call("/hooks/late", payload("ok"), forger, null).statusCode());
        }
        assertEquals(List.of(401), statuses.stream().distinct().toList());
        assertEquals(HealthCheck.State.UP, state("accs-webhook:late"));

        context.getRouteController().stopRoute("late");
        await().atMost(Duration.ofSeconds(5)).until(() -> state("accs-webhook:late") == null);
        assertEquals(HealthCheck.State.UP, state("accs-webhook:rates"));
    }

    private HealthCheck.State state(String id) {
        return HealthCheckHelper.invoke(context, check -> Map.of(), check -> false, "full").stream()
                .filter(r -> r.getCheck().getId().equals(id)).map(HealthCheck.Result::getState).findFirst()
                .orElse(null);
    }

    private static String payload(String kind) {
        return "{\"kind\":\"" + kind + "\",\"address\":{\"street\":\"" + SHOPPER + "\"},\"result\":[{\"amount\":5}]}";
    }

    private HttpResponse<String> call(String path, String body, KeyPair signer, String bearer) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer.getPrivate());
        rsa.update(Base64.getEncoder().encode(bytes));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(CommerceSignature.HEADER, Base64.getEncoder().encodeToString(rsa.sign()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
               + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
