package io.camelaccs.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import io.camelaccs.test.WebhookPublisher;
import io.camelaccs.test.WebhookPublisher.Forgery;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * accs-events:webhook on a real platform-http engine, receiving what the test kit's simulator pushes as I/O Events
 * would: its challenge, deliveries signed with its own keys (served on its port, as {@code publicKeyBaseUrl}), and
 * its forgeries.
 */
class WebhookAgainstSimulatorTest {

    private AccsSimulator sim;
    private CamelContext context;
    private String url;
    private final List<String> routed = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToMake = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        sim = AccsSimulator.builder().products(20).orders(0).build().start();
        int port = AvailablePortFinder.getNextAvailable();
        url = "http://127.0.0.1:" + port + "/hooks/commerce";
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hooks/commerce?publicKeyBaseUrl=" + sim.publicKeyBaseUrl()
                     + "&validationUrlHosts=127.0.0.1")
                        .routeId("hook")
                        .process(exchange -> {
                            routed.add(exchange.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class));
                            if (failuresToMake.getAndDecrement() > 0) {
                                throw new IllegalStateException("search index down");
                            }
                        });
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.close();
    }

    private ObjectNode productSaved() {
        String sku = sim.products().skus().get(0);
        sim.products().update(sku, p -> p.put("name", "Men's Tee & 100% +1 ü"));
        List<JournalEntry> entries = sim.events().entries();
        return entries.get(entries.size() - 1).event();
    }

    private AccsEventsComponent events() {
        return context.getComponent("accs-events", AccsEventsComponent.class);
    }

    @Test
    void challengeIsAnswered() {
        WebhookPublisher.Challenge challenge = sim.webhooks().challenge(url);
        assertTrue(challenge.accepted(), challenge.toString());
        assertTrue(routed.isEmpty());
    }

    @Test
    void validationUrlFallbackIsFetched() {
        String validationUrl = sim.webhooks().validateByUrl(url);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.webhooks().validated(validationUrl));
        assertTrue(routed.isEmpty());
    }

    @Test
    void validDeliveryIsProcessedOnceAndItsRedeliveryDropped() {
        ObjectNode event = productSaved();

        assertEquals(List.of(200), sim.webhooks().deliver(url, event).statuses());
        assertEquals(List.of(200), sim.webhooks().deliver(url, event).statuses());

        assertEquals(List.of(event.get("event_id").asText()), routed);
        assertEquals(1, events().getDuplicatesDropped());
    }

    @Test
    void eitherSignatureSuffices() {
        ObjectNode event = productSaved();
        assertEquals(200, sim.webhooks().deliverWithOnlySecondSignatureValid(url, event).status());
        assertEquals(1, routed.size());
    }

    @Test
    void forgedWrongRecipientForeignKeyHostAndUnsignedAre401AndNeverRouted() {
        ObjectNode event = productSaved();
        for (Forgery forgery : Forgery.values()) {
            WebhookPublisher.Delivery delivery = sim.webhooks().deliverForged(url, event, forgery);
            assertEquals(List.of(401), delivery.statuses(), forgery.name()); // 401 is not retried
        }
        assertTrue(routed.isEmpty(), routed.toString());
        assertEquals(Forgery.values().length, events().getSignatureFailures());
        // keys were fetched from the key host only, and only the simulator's own
        Set<String> ownKeys = Set.of(sim.webhooks().publicKeyPath(1), sim.webhooks().publicKeyPath(2));
        assertTrue(sim.requestLog().stream().filter(r -> r.path().contains("/keys/"))
                .allMatch(r -> ownKeys.contains(r.path())), sim.requestLog().toString());
        // the genuine delivery of the same event still goes through
        assertEquals(200, sim.webhooks().deliver(url, event).status());
        assertEquals(1, routed.size());
    }

    @Test
    void failingRouteAnswers5xxAndAdobesRetryIsProcessed() {
        ObjectNode event = productSaved();
        failuresToMake.set(1);

        WebhookPublisher.Delivery delivery = sim.webhooks().deliver(url, event);

        assertTrue(delivery.statuses().get(0) >= 500 && delivery.statuses().get(0) != 505, delivery.toString());
        assertEquals(200, delivery.status());
        assertEquals(2, delivery.attempts());
        assertEquals(List.of(event.get("event_id").asText(), event.get("event_id").asText()), routed);
    }

    @Test
    void failingRouteThatStaysDownIsRetriedUntilAdobeGivesUp() {
        failuresToMake.set(Integer.MAX_VALUE);
        WebhookPublisher.Delivery delivery = sim.webhooks().maxAttempts(3).deliver(url, productSaved());
        assertEquals(3, delivery.attempts());
        assertTrue(delivery.statuses().stream().allMatch(s -> s >= 500), delivery.toString());
    }

    @Test
    void batchIsOneExchangePerEvent() {
        List<ObjectNode> batch = sim.events().publishSynthetic(3).stream().map(JournalEntry::event).toList();
        assertEquals(200, sim.webhooks().deliverBatch(url, batch).status());
        assertEquals(batch.stream().map(e -> e.get("event_id").asText()).toList(), routed);
    }

    @Test
    void catalogChangesArePushedAsTheyHappen() throws Exception {
        sim.webhooks().subscribe(url);
        String sku = sim.products().skus().get(1);
        sim.products().update(sku, p -> p.put("price", 1));
        sim.products().delete(sku);
        sim.sourceItems().upsert(sim.products().skus().get(2), "default", 5, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> routed.size() == 3);
        assertEquals(sim.events().entries().stream().map(e -> e.event().get("event_id").asText()).toList(), routed);
        assertTrue(sim.webhooks().deliveries().stream().allMatch(d -> d.status() == 200));
    }
}
