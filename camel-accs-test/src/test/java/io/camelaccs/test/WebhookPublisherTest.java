package io.camelaccs.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signed webhook deliveries, checked the way EVENTS-FACTS says a consumer must check them. */
class WebhookPublisherTest {

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR = new SimulatorPerClass(AccsSimulator.builder().products(10).orders(0));

    private final AccsSimulator sim = SIMULATOR.get();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws IOException {
        receiver = new WebhookReceiver();
        sim.webhooks().maxAttempts(3);
    }

    @AfterEach
    void close() {
        sim.webhooks().unsubscribe();
        receiver.close();
    }

    @Test
    void challengeIsSentAndItsAnswerJudged() {
        WebhookPublisher.Challenge answered = sim.webhooks().challenge(receiver.url());
        assertTrue(answered.accepted());
        assertEquals(200, answered.status());
        assertEquals(answered.challenge(), answered.body());
        assertEquals("challenge=" + answered.challenge(), receiver.received().get(0).query());

        assertTrue(new WebhookPublisher.Challenge("abc", 200, "application/json", "{\"challenge\":\"abc\"}")
                .accepted());
        assertFalse(new WebhookPublisher.Challenge("abc", 200, "text/plain", "abd").accepted());
        assertFalse(new WebhookPublisher.Challenge("abc", 404, "text/plain", "abc").accepted());
    }

    @Test
    void validationUrlFallbackIsServedAndRecorded() throws Exception {
        String validationUrl = sim.webhooks().validateByUrl(receiver.url());

        JsonNode posted = SimClient.JSON.readTree(receiver.received().get(0).body());
        assertEquals(validationUrl, posted.get("validationUrl").asText());
        assertTrue(posted.hasNonNull("challenge"));
        assertFalse(sim.webhooks().validated(validationUrl));
        assertEquals(404, fetch(sim.imsUrl() + "/csm/registrations/validate?id=unknown").statusCode());
        assertEquals(200, fetch(validationUrl).statusCode());
        assertTrue(sim.webhooks().validated(validationUrl));
    }

    @Test
    void genuineDeliveryVerifiesWithEitherServedKey() throws Exception {
        ObjectNode event = sim.events().publishSynthetic(1).get(0).event();
        WebhookPublisher.Delivery delivery = sim.webhooks().deliver(receiver.url(), event);

        assertEquals(List.of(200), delivery.statuses());
        WebhookReceiver.Received r = receiver.received().get(0);
        assertEquals(event.toString(), SimClient.JSON.readTree(r.body()).toString());
        assertEquals(event.get("event_id").asText(), r.header("x-adobe-event-id"));
        assertEquals(delivery.deliveryId(), r.header("x-adobe-delivery-id"));
        assertEquals(event.get("type").asText(), r.header("x-adobe-event-code"));
        assertEquals(event.get("source").asText(), "urn:uuid:" + r.header("x-adobe-provider"));
        assertNull(r.header("x-adobe-retry-count"));
        assertEquals(sim.webhooks().publicKeyPath(1), r.header("x-adobe-public-key1-path"));
        assertTrue(verifies(r, 1));
        assertTrue(verifies(r, 2));
        assertEquals(sim.clientId(), event.get("recipient_client_id").asText());
    }

    @Test
    void eitherSignatureSuffices() throws Exception {
        sim.webhooks().deliverWithOnlySecondSignatureValid(receiver.url(), sim.events().publishSynthetic(1).get(0)
                .event());
        WebhookReceiver.Received r = receiver.received().get(0);
        assertFalse(verifies(r, 1));
        assertTrue(verifies(r, 2));
    }

    @Test
    void batchIsAJsonArraySignedAsOne() throws Exception {
        List<ObjectNode> events = sim.events().publishSynthetic(3).stream().map(JournalEntry::event).toList();
        WebhookPublisher.Delivery delivery = sim.webhooks().deliverBatch(receiver.url(), events);

        assertEquals(3, delivery.eventCount());
        JsonNode body = SimClient.JSON.readTree(receiver.received().get(0).body());
        assertEquals(3, body.size());
        assertTrue(verifies(receiver.received().get(0), 1));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameEventIdAndRecorded() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() < 3 ? 503 : 200);
        ObjectNode event = sim.events().publishSynthetic(1).get(0).event();

        WebhookPublisher.Delivery delivery = sim.webhooks().deliver(receiver.url(), event);

        assertEquals(List.of(503, 503, 200), delivery.statuses());
        List<WebhookReceiver.Received> got = receiver.received();
        assertEquals(3, got.size());
        assertNull(got.get(0).header("x-adobe-retry-count"));
        assertEquals("1", got.get(1).header("x-adobe-retry-count"));
        assertEquals("2", got.get(2).header("x-adobe-retry-count"));
        assertEquals(1, got.stream().map(r -> r.header("x-adobe-event-id")).distinct().count());
        assertEquals(3, got.stream().map(r -> r.header("x-adobe-delivery-id")).distinct().count());
        assertTrue(sim.webhooks().deliveries().contains(delivery));
    }

    @Test
    void clientErrorsAnd505AreNotRetried() {
        ObjectNode event = sim.events().publishSynthetic(1).get(0).event();
        receiver.answer(r -> 401);
        assertEquals(List.of(401), sim.webhooks().deliver(receiver.url(), event).statuses());
        receiver.answer(r -> 505);
        assertEquals(List.of(505), sim.webhooks().deliver(receiver.url(), event).statuses());
        receiver.answer(r -> 500);
        assertEquals(List.of(500, 500), sim.webhooks().maxAttempts(2).deliver(receiver.url(), event).statuses());
    }

    @Test
    void forgeriesFailTheChecksAConsumerMustMake() throws Exception {
        ObjectNode event = sim.events().publishSynthetic(1).get(0).event();
        WebhookPublisher webhooks = sim.webhooks();

        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.BAD_SIGNATURE);
        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.WRONG_RECIPIENT);
        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.KEY_ON_OTHER_HOST);
        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.KEY_HOST_SMUGGLED);
        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.UNSIGNED);
        webhooks.deliverForged(receiver.url(), event, WebhookPublisher.Forgery.HMAC_ONLY);
        List<WebhookReceiver.Received> got = receiver.received();

        assertFalse(verifies(got.get(0), 1) || verifies(got.get(0), 2));
        assertTrue(verifies(got.get(1), 1)); // authentic bytes, but for another integration
        assertEquals("another-integration-client-id",
                SimClient.JSON.readTree(got.get(1).body()).get("recipient_client_id").asText());
        // the attacker's key exists on "another host" (localhost), never on the key host (127.0.0.1)
        String otherHost = got.get(2).header("x-adobe-public-key1-path");
        assertTrue(otherHost.startsWith("http://localhost:" + sim.port() + "/prod/keys/"), otherHost);
        assertEquals(200, fetch(otherHost).statusCode());
        assertEquals(404, fetch(sim.publicKeyBaseUrl() + URI.create(otherHost).getPath()).statusCode());
        assertTrue(got.get(3).header("x-adobe-public-key2-path").startsWith("@localhost:"));
        assertNull(got.get(4).header("x-adobe-digital-signature-1"));
        assertNull(got.get(4).header("x-adobe-public-key1-path"));
        assertTrue(got.get(5).header("x-adobe-signature") != null && got.get(5).header("x-adobe-digital-signature-2")
                == null);
        assertEquals(6, webhooks.deliveries().stream().filter(d -> d.forgery() != null).count());
    }

    @Test
    void subscriptionPushesEveryLaterChangeInOrder() throws Exception {
        sim.webhooks().subscribe(receiver.url());
        String sku = sim.products().skus().get(0);
        new SimClient(sim).put("/V1/products/" + sku, Map.of("product", Map.of("price", 42)));
        sim.products().delete(sku);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        List<WebhookReceiver.Received> got = receiver.received();
        assertEquals("com.adobe.commerce.observer.catalog_product_save_commit_after",
                got.get(0).header("x-adobe-event-code"));
        assertEquals(42, SimClient.JSON.readTree(got.get(0).body()).at("/data/value/price").asInt());
        assertEquals("com.adobe.commerce.observer.catalog_product_delete_commit_after",
                got.get(1).header("x-adobe-event-code"));
        assertTrue(verifies(got.get(1), 2));
        sim.webhooks().unsubscribe();
        sim.events().publishSynthetic(1);
        assertEquals(2, receiver.received().size());
    }

    @Test
    void swappedJournalEventsArePushedInTheJournalsOrder() throws Exception {
        sim.events().reorderFraction(1);
        try {
            sim.webhooks().subscribe(receiver.url());
            String sku = sim.products().skus().get(1);
            sim.products().update(sku, p -> p.put("price", 43));
            sim.products().delete(sku); // overtakes the save held back

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals("com.adobe.commerce.observer.catalog_product_delete_commit_after",
                    got.get(0).header("x-adobe-event-code"));
            assertEquals(43, SimClient.JSON.readTree(got.get(1).body()).at("/data/value/price").asInt());
        } finally {
            sim.events().reorderFraction(0);
        }
    }

    @Test
    void anotherSimulatorWithTheSameSeedSendsIdsOfItsOwn() throws Exception {
        try (AccsSimulator twin = AccsSimulator.builder().products(10).orders(0).build().start()) {
            WebhookPublisher.Delivery one = sim.webhooks().deliver(receiver.url(),
                    sim.events().publishSynthetic(1).get(0).event());
            WebhookPublisher.Delivery other = twin.webhooks().deliver(receiver.url(),
                    twin.events().publishSynthetic(1).get(0).event());

            assertEquals(List.of(200), other.statuses());
            assertNotEquals(one.deliveryId(), other.deliveryId());
            assertNotEquals(one.eventId(), other.eventId());
            List<WebhookReceiver.Received> got = receiver.received();
            assertNotEquals(got.get(0).header("x-adobe-delivery-id"), got.get(1).header("x-adobe-delivery-id"));
            assertNotEquals(got.get(0).header("x-adobe-provider"), got.get(1).header("x-adobe-provider"));
        }
    }

    @Test
    void publicKeysArePem() throws Exception {
        HttpResponse<String> key = fetch(sim.publicKeyBaseUrl() + sim.webhooks().publicKeyPath(1));
        assertEquals(200, key.statusCode());
        assertTrue(key.body().startsWith("-----BEGIN PUBLIC KEY-----\n"), key.body());
        assertNotEquals(key.body(), fetch(sim.publicKeyBaseUrl() + sim.webhooks().publicKeyPath(2)).body());
        assertEquals(404, fetch(sim.publicKeyBaseUrl() + "/prod/keys/pub-key-unknown.pem").statusCode());
    }

    /** EVENTS-FACTS' check: the key from the key host plus the path header, SHA256withRSA over the raw body. */
    private boolean verifies(WebhookReceiver.Received r, int which) throws Exception {
        String path = r.header("x-adobe-public-key" + which + "-path");
        String signature = r.header("x-adobe-digital-signature-" + which);
        if (path == null || signature == null || !path.startsWith("/")) {
            return false;
        }
        HttpResponse<String> pem = fetch(sim.publicKeyBaseUrl() + path);
        if (pem.statusCode() != 200) {
            return false;
        }
        String base64 = pem.body().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(r.body());
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private HttpResponse<String> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
