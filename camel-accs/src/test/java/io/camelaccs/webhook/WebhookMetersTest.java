package io.camelaccs.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.camelaccs.metrics.MeterNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The accs-webhook consumer's calls as Micrometer meters, read from the counters JMX reads: each outcome a Commerce
 * call can have counts once under {@code accs.webhook.calls{outcome}}, and a stopped route leaves no meter behind.
 */
class WebhookMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch slowMayFinish = new CountDownLatch(1);
    private KeyPair keys;
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("shop");
        context.getRegistry().bind("appMeters", registry);
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("commerceKey", keys.getPublic());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hooks/check?publicKey=#bean:commerceKey&replyTimeout=300")
                        .routeId("check")
                        .process(exchange -> {
                            String what = String.valueOf(exchange.getMessage().getBody(Map.class).get("do"));
                            switch (what) {
                                case "refuse" -> throw new AccsWebhookException("Not this one");
                                case "fail" -> throw new IllegalStateException("ERP down");
                                case "invalid" -> exchange.getMessage().setBody("not json");
                                case "slow" -> slowMayFinish.await(10, TimeUnit.SECONDS);
                                default -> exchange.getMessage().setBody(WebhookOperations.replace("data/x", 1));
                            }
                        });
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        slowMayFinish.countDown();
        context.stop();
    }

    @Test
    void eachOutcomeCountsOnceUnderItsTag() throws Exception {
        call("{\"do\":\"ok\"}", true);
        call("{\"do\":\"ok\"}", true);
        call("{\"do\":\"refuse\"}", true);
        call("{\"do\":\"fail\"}", true);
        call("{\"do\":\"invalid\"}", true);
        call("{\"do\":\"slow\"}", true);
        assertEquals(401, call("{\"do\":\"ok\"}", false));

        assertEquals(2, calls("answered"));
        assertEquals(1, calls("exception"));
        assertEquals(1, calls("fallback"));
        assertEquals(1, calls("invalid"));
        assertEquals(1, calls("late"));
        assertEquals(1, calls("rejected"));
        assertEquals(0, calls("busy"));
        // the slow route's own answer, later, counts nowhere: Commerce had its fallback
        slowMayFinish.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> context.getInflightRepository().size() == 0);
        assertEquals(2, calls("answered"));
        assertEquals(7, registry.find(MeterNames.WEBHOOK_CALLS).functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum(), "every call once");
    }

    @Test
    void aStoppedRouteLeavesNoMeter() throws Exception {
        call("{\"do\":\"ok\"}", true);
        assertEquals(1, calls("answered"));

        context.getRouteController().stopRoute("check");

        assertNull(registry.find(MeterNames.WEBHOOK_CALLS).functionCounter());
    }

    private double calls(String outcome) {
        FunctionCounter counter = registry.find(MeterNames.WEBHOOK_CALLS).tag("camelContext", "shop")
                .tag("routeId", "check").tag("path", "/hooks/check").tag("outcome", outcome).functionCounter();
        assertNotNull(counter, outcome);
        return counter.count();
    }

    private int call(String body, boolean signed) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/check"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signed) {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(Base64.getEncoder().encode(bytes));
            request.header("x-adobe-commerce-webhook-signature", Base64.getEncoder().encodeToString(rsa.sign()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (signed) {
            assertEquals(200, response.statusCode(), response.body());
        }
        return response.statusCode();
    }
}
