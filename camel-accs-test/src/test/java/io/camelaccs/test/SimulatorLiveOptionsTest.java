package io.camelaccs.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone simulator's URLs, latency, fault and webhook options, as a user trying routes by hand meets them:
 * printed, and working with nothing but what was printed.
 */
class SimulatorLiveOptionsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyUrlIsPrinted() {
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5")) {
            String text = printed();
            for (String url : new String[] { sim.baseUrl(), sim.imsUrl() + "/ims/token/v3", sim.journalUrl(),
                                             sim.publicKeyBaseUrl() + sim.webhooks().publicKeyPath(1),
                                             sim.publicKeyBaseUrl() + sim.webhooks().publicKeyPath(2),
                                             sim.baseUrl() + "/V1/webhooks/subscribe" }) {
                assertTrue(text.contains(url), url + " in\n" + text);
            }
            assertTrue(text.contains(sim.commerceWebhooks().publicKeyPem()), text);
            assertTrue(text.strip().endsWith("camel.component.accs.org-id=" + sim.orgId()),
                    "the settings stay last: scripts wait for them");
        }
    }

    @Test
    void faultsAnswerAShareOfRequestsWithTheStatusAndRetryAfterAsked() throws Exception {
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5", "--fault-rate", "1",
                "--fault-status", "429", "--fault-retry-after=3", "--latency-ms", "30")) {
            PrintedSettings settings = PrintedSettings.parse(printed());
            String token = sim.issueAccessToken();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(settings.environment.get("ACCS_BASE_URL") + "/V1/products/24-MB01"))
                    .header("Authorization", "Bearer " + token).header("x-api-key", sim.clientId())
                    .header("x-gw-ims-org-id", sim.orgId()).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(429, answer.statusCode());
            assertEquals("3", answer.headers().firstValue("Retry-After").orElse(null));
            assertTrue(printed().contains("100% of Commerce requests answered 429 with Retry-After: 3"), printed());
            assertTrue(printed().contains("every Commerce answer delayed by 30 ms"), printed());
        }
    }

    @Test
    void aWebhookTargetGetsASignedDeliveryForEachChange() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5", "--webhook-target",
                     receiver.url())) {
            ObjectNode product = new ObjectMapper().createObjectNode().put("sku", "LIVE-1").put("name", "Live");
            sim.products().upsert(product);

            WebhookReceiver.Received delivery = await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.received().isEmpty() ? null : receiver.received().get(0), r -> r != null);
            assertTrue(delivery.bodyText().contains("LIVE-1"), delivery.bodyText());
            assertNotNull(delivery.header("x-adobe-digital-signature-1"), delivery.headers().toString());
            assertNotNull(delivery.header("x-adobe-public-key1-path"));
        }
    }

    @Test
    void aBadValueIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccsSimulatorMain.start(out, "--port", "0", "--fault-rate", "2"));
        assertTrue(e.getMessage().contains("--fault-rate must be a number from 0 to 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AccsSimulatorMain.start(out, "--port", "0", "--webhook-target", "localhost:8080"));
        assertTrue(e.getMessage().contains("--webhook-target must be an http(s) URL"), e.getMessage());
        assertNull(AccsSimulatorMain.start(out, "--help"));
        assertTrue(printed().contains("--webhook-target <url>"), printed());
    }
}
