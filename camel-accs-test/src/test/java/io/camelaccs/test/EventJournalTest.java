package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated I/O Events journal: what makes events, and the journal API as Adobe documents it. */
class EventJournalTest {

    private static final String SAVE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    private static final String DELETE = "com.adobe.commerce.observer.catalog_product_delete_commit_after";
    private static final String STOCK = "com.adobe.commerce.observer.cataloginventory_stock_item_save_commit_after";

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private AccsSimulator sim;
    private SimClient commerce;
    private JournalClient journal;

    @BeforeEach
    void start() {
        sim = AccsSimulator.builder().products(20).orders(0).clock(clock).build().start();
        commerce = new SimClient(sim);
        journal = new JournalClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void seedDataMakesNoEvents() {
        assertEquals(0, sim.events().appendedCount());
        SimClient.Reply reply = journal.read("");
        assertEquals(204, reply.status());
        assertEquals("10", reply.header("retry-after"));
        assertEquals(URI.create(sim.journalUrl()).getPath(), JournalClient.next(reply.header("Link")));
    }

    @Test
    void restProductSaveIsACloudEventAsCommercePublishesIt() {
        commerce.put("/V1/products/" + SimClient.sku("Café 50% \"A&B\""),
                Map.of("product", Map.of("name", "Grüner Tee", "price", 12.5)));

        JsonNode body = journal.read("").json();
        assertEquals(1, body.get("events").size());
        JsonNode item = body.get("events").get(0);
        JsonNode event = item.get("event");
        assertEquals(item.get("position").asText(), body.get("_page").get("last").asText());
        assertEquals(1, body.get("_page").get("count").asInt());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(SAVE, event.get("type").asText());
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertTrue(event.get("source").asText().startsWith("urn:uuid:"));
        assertEquals(36, event.get("id").asText().length());
        assertEquals(36, event.get("event_id").asText().length());
        assertNotEquals(event.get("id").asText(), event.get("event_id").asText());
        assertEquals(sim.clientId(), event.get("recipient_client_id").asText());
        assertEquals("2026-03-01T08:00:00Z", event.get("time").asText());
        JsonNode data = event.get("data");
        assertEquals(36, data.get("key").asText().length());
        assertEquals("sim-tenant.production", data.get("source").asText());
        assertEquals("1", data.get("_metadata").get("storeId").asText());
        assertNotNull(data.get("_metadata").get("commerceVersion"));
        assertEquals("Café 50% \"A&B\"", data.get("value").get("sku").asText());
        assertEquals("Grüner Tee", data.get("value").get("name").asText());
        assertEquals(12.5, data.get("value").get("price").asDouble());
        assertEquals(sim.products().get("Café 50% \"A&B\"").orElseThrow().get("id").asLong(),
                data.get("value").get("id").asLong());
    }

    @Test
    void restAndJavaApiChangesAreEventsInTheOrderTheyHappened() {
        String sku = sim.products().skus().get(3);
        commerce.post("/V1/products", Map.of("product", Map.of("sku", "NEW-1", "name", "New")));
        commerce.delete("/V1/products/" + SimClient.sku(sku));
        commerce.post("/V1/inventory/source-items", Map.of("sourceItems",
                List.of(Map.of("sku", "NEW-1", "source_code", "default", "quantity", 7, "status", 1))));
        sim.products().update("NEW-1", p -> p.put("price", 99));
        sim.sourceItems().upsert("NEW-1", "eu", 3, 1);
        sim.products().delete("NEW-1");
        sim.products().delete("NO-SUCH-SKU"); // nothing deleted, no event
        sim.products().update("NO-SUCH-SKU", p -> p.put("price", 1));
        sim.sourceItems().delete(sim.products().skus().get(0), "default"); // no Commerce event for this

        List<JournalEntry> entries = sim.events().entries();
        assertEquals(List.of(SAVE, DELETE, STOCK, SAVE, STOCK, DELETE), entries.stream().map(JournalEntry::type)
                .toList());
        assertEquals(sku, entries.get(1).event().at("/data/value/sku").asText());
        assertEquals(7, entries.get(2).event().at("/data/value/quantity").asInt());
        assertEquals("default", entries.get(2).event().at("/data/value/source_code").asText());
        assertEquals(99, entries.get(3).event().at("/data/value/price").asInt());
        assertEquals("eu", entries.get(4).event().at("/data/value/source_code").asText());
        assertEquals("NEW-1", entries.get(5).event().at("/data/value/sku").asText());
        assertEquals(6, entries.stream().map(JournalEntry::eventId).distinct().count());
        assertEquals(6, entries.stream().map(JournalEntry::position).distinct().count());
    }

    @Test
    void refusesWithoutTokenScopeOrApiKey() {
        URI uri = URI.create(sim.journalUrl());
        assertEquals(401, journal.get(uri, null, sim.clientId()).status());
        assertEquals(401, journal.get(uri, "not-a-token", sim.clientId()).status());
        SimClient.Reply noScope = journal.get(uri, sim.issueAccessToken(), sim.clientId());
        assertEquals(403, noScope.status());
        assertTrue(noScope.json().get("message").asText().contains("adobeio_api"), noScope.raw().body());
        assertEquals(403, journal.get(uri, journal.token(), null).status());
        assertEquals(403, journal.get(uri, journal.token(), "someone-else").status());
        assertEquals(204, journal.get(uri, sim.issueEventsAccessToken(), sim.clientId()).status());
        assertEquals(404, journal.get(URI.create(sim.imsUrl() + "/events/organizations/1/integrations/2/3"),
                journal.token(), sim.clientId()).status());
    }

    @Test
    void pagesFollowLinkNextUntil204WithRetryAfter() {
        List<JournalEntry> published = sim.events().publishSynthetic(250);
        sim.events().retryAfterSeconds(2);
        sim.resetCounters();

        List<String> positions = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        SimClient.Reply reply = journal.read("?limit=100");
        while (reply.status() == 200) {
            counts.add(reply.json().get("_page").get("count").asInt());
            for (JsonNode item : reply.json().get("events")) {
                positions.add(item.get("position").asText());
            }
            String next = JournalClient.next(reply.header("Link"));
            assertTrue(next.startsWith("/events/"), next); // relative, as Adobe's
            assertTrue(next.contains("limit=100"), next);
            assertTrue(next.contains("since=" + reply.json().get("_page").get("last").asText()), next);
            reply = journal.next(reply);
        }
        assertEquals(List.of(100, 100, 50), counts);
        assertEquals(published.stream().map(JournalEntry::position).toList(), positions);
        assertEquals(204, reply.status());
        assertEquals("2", reply.header("retry-after"));
        assertTrue(JournalClient.next(reply.header("Link")).contains("since=" + positions.get(249)));
        assertEquals(4, sim.requests("GET", "/events/"));

        // caught up: a new event is the next page
        sim.products().update(sim.products().skus().get(0), p -> p.put("name", "changed"));
        SimClient.Reply more = journal.next(reply);
        assertEquals(200, more.status());
        assertEquals(1, more.json().get("events").size());
        assertEquals("changed", more.json().at("/events/0/event/data/value/name").asText());
    }

    @Test
    void sinceIsStrictlyAfterAndDefaultPageHoldsAHundred() {
        List<JournalEntry> published = sim.events().publishSynthetic(150);
        JsonNode first = journal.read("").json();
        assertEquals(100, first.get("events").size());
        JsonNode after = journal.read("?since=" + published.get(10).position()).json();
        assertEquals(published.get(11).position(), after.at("/events/0/position").asText());
        assertEquals(100, after.get("events").size());
        assertEquals(204, journal.read("?since=" + published.get(149).position()).status());
    }

    @Test
    void latestStartsAtTheEnd() {
        sim.events().publishSynthetic(5);
        SimClient.Reply latest = journal.read("?latest=true");
        assertEquals(204, latest.status());
        assertTrue(JournalClient.next(latest.header("Link")).contains("since=" + sim.events().latestPosition()));
        JournalEntry fresh = sim.events().publishSynthetic(1).get(0);
        SimClient.Reply next = journal.next(latest);
        assertEquals(fresh.eventId(), next.json().at("/events/0/event/id").asText());
    }

    @Test
    void seekGoesBackInSimulatorTime() {
        sim.events().publishSynthetic(3);
        clock.advance(Duration.ofHours(3));
        List<JournalEntry> recent = sim.events().publishSynthetic(2);
        clock.advance(Duration.ofMinutes(30));

        JsonNode body = journal.read("?seek=-PT2H").json();
        assertEquals(2, body.get("events").size());
        assertEquals(recent.get(0).position(), body.at("/events/0/position").asText());
        assertEquals(400, journal.read("?seek=-PT2H&since=" + recent.get(0).position()).status());
        assertEquals(400, journal.read("?seek=PT2H").status());
        assertEquals(400, journal.read("?seek=yesterday").status());
    }

    @Test
    void badParametersAre400() {
        assertEquals(400, journal.read("?since=no-such-position").status());
        assertEquals(400, journal.read("?limit=0").status());
        assertEquals(400, journal.read("?limit=ten").status());
    }

    @Test
    void retentionByCountAnswers410ForExpiredPositions() {
        List<JournalEntry> published = sim.events().publishSynthetic(10);
        sim.events().retainLast(5);

        SimClient.Reply gone = journal.read("?since=" + published.get(2).position());
        assertEquals(410, gone.status());
        assertTrue(gone.json().get("message").asText().contains("expired"), gone.raw().body());
        assertEquals(URI.create(sim.journalUrl()).getPath(), JournalClient.next(gone.header("Link")));
        // the position right before the oldest kept entry loses nothing
        assertEquals(published.get(5).position(),
                journal.read("?since=" + published.get(4).position()).json().at("/events/0/position").asText());
        JsonNode oldest = journal.read("").json();
        assertEquals(5, oldest.get("events").size());
        assertEquals(published.get(5).position(), sim.events().oldestPosition());
        assertEquals(5, sim.events().size());
        assertEquals(10, sim.events().appendedCount());
    }

    @Test
    void retentionBySimulatorTime() {
        List<JournalEntry> old = sim.events().publishSynthetic(3);
        clock.advance(Duration.ofDays(8)); // past the default 7 days
        List<JournalEntry> fresh = sim.events().publishSynthetic(1);

        assertEquals(410, journal.read("?since=" + old.get(0).position()).status());
        assertEquals(fresh.get(0).position(), journal.read("").json().at("/events/0/position").asText());
        sim.events().retainFor(Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));
        assertEquals(204, journal.read("").status());
        assertNull(sim.events().oldestPosition());
    }

    @Test
    void duplicatesRepeatAnEventAtANewPosition() {
        sim.events().duplicateFraction(0.05);
        List<JournalEntry> published = sim.events().publishSynthetic(1000);

        List<JournalEntry> all = sim.events().entries();
        assertEquals(1050, all.size());
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (JournalEntry entry : all) {
            boolean first = seen.add(entry.eventId());
            assertEquals(!first, entry.duplicate(), entry.toString());
            duplicates += first ? 0 : 1;
        }
        assertEquals(50, duplicates);
        assertEquals(1000, seen.size());
        assertEquals(published.stream().map(JournalEntry::eventId).toList(),
                all.stream().filter(e -> !e.duplicate()).map(JournalEntry::eventId).toList());

        JournalEntry again = sim.events().republish(published.get(0).eventId());
        assertTrue(again.duplicate());
        assertEquals(published.get(0).event(), again.event());
        assertNotEquals(published.get(0).position(), again.position());
        assertThrows(IllegalArgumentException.class, () -> sim.events().republish("nope"));
    }

    @Test
    void sameSeedSameCatalogButEventIdsOfItsOwn() {
        // a persistent idempotent repository kept from an earlier run must not take this run's events for its own
        try (AccsSimulator twin = AccsSimulator.builder().products(20).orders(0).clock(clock).build().start()) {
            assertEquals(sim.products().skus(), twin.products().skus());
            for (String sku : sim.products().skus()) {
                assertEquals(sim.products().get(sku), twin.products().get(sku), sku);
            }
            String sku = sim.products().skus().get(4);
            sim.products().update(sku, p -> p.put("price", 5));
            twin.products().update(sku, p -> p.put("price", 5));
            sim.events().publishSynthetic(2);
            twin.events().publishSynthetic(2);

            List<JournalEntry> a = sim.events().entries();
            List<JournalEntry> b = twin.events().entries();
            assertEquals(3, a.size());
            for (int i = 0; i < a.size(); i++) {
                JsonNode one = a.get(i).event();
                JsonNode other = b.get(i).event();
                assertEquals(one.get("data").get("value"), other.get("data").get("value"), "the same change");
                assertEquals(one.get("time"), other.get("time"));
                assertNotEquals(one.get("id"), other.get("id"));
                assertNotEquals(one.get("event_id"), other.get("event_id"));
                assertNotEquals(one.at("/data/key"), other.at("/data/key"));
                assertNotEquals(a.get(i).position(), b.get(i).position());
            }
            assertNotEquals(sim.webhooks().publicKeyPath(1), twin.webhooks().publicKeyPath(1));
        }
    }

    @Test
    void reorderedEventsSwapWithTheNextButPositionsStayInJournalOrder() {
        sim.events().reorderFraction(1); // every other event overtaken by the one after it
        List<String> skus = sim.products().skus().subList(0, 6);
        for (String sku : skus) {
            sim.products().update(sku, p -> p.put("price", 7));
            clock.advance(Duration.ofSeconds(1));
        }

        List<JournalEntry> entries = sim.events().entries();
        assertEquals(List.of(skus.get(1), skus.get(0), skus.get(3), skus.get(2), skus.get(5), skus.get(4)),
                entries.stream().map(e -> e.event().at("/data/value/sku").asText()).toList());
        assertEquals(3, sim.events().reorderedCount());
        // event time and updated_at go back where the events swapped, as when I/O Events delivers out of order
        assertEquals("2026-03-01T08:00:01Z", entries.get(0).event().get("time").asText());
        assertEquals("2026-03-01T08:00:00Z", entries.get(1).event().get("time").asText());
        assertEquals("2026-03-01 08:00:00", entries.get(1).event().at("/data/value/updated_at").asText());

        // a reader following since sees every entry once, in that order
        List<String> served = new ArrayList<>();
        SimClient.Reply reply = journal.read("?limit=4");
        while (reply.status() == 200) {
            reply.json().get("events").forEach(e -> served.add(e.get("position").asText()));
            reply = journal.next(reply);
        }
        assertEquals(entries.stream().map(JournalEntry::position).toList(), served);
    }

    @Test
    void aHeldEventIsAppendedBeforeAnyoneReads() {
        sim.events().reorderFraction(1);
        JournalEntry held = sim.events().publishSynthetic(1).get(0);

        JsonNode page = journal.read("").json(); // nothing came after it: the read releases it
        assertEquals(held.position(), page.at("/events/0/position").asText());
        assertEquals(held.eventId(), page.at("/events/0/event/id").asText());
        assertEquals(0, sim.events().reorderedCount());

        List<JournalEntry> pair = sim.events().publishSynthetic(2);
        List<JournalEntry> entries = sim.events().entries();
        assertEquals(List.of(held.position(), pair.get(1).position(), pair.get(0).position()),
                entries.stream().map(JournalEntry::position).toList());
        assertEquals(1, sim.events().reorderedCount());
    }

    @Test
    void duplicatesAndSwapsTogetherKeepEveryEventAndEveryPosition() {
        sim.events().duplicateFraction(0.05).reorderFraction(0.1);
        List<JournalEntry> published = sim.events().publishSynthetic(1000);

        List<JournalEntry> all = sim.events().entries();
        assertEquals(1050, all.size());
        assertEquals(1050, all.stream().map(JournalEntry::position).distinct().count());
        assertEquals(published.stream().map(JournalEntry::eventId).sorted().toList(),
                all.stream().filter(e -> !e.duplicate()).map(JournalEntry::eventId).sorted().toList());
        // one event in ten held back, and released by the next: one swap in every eleven events
        assertEquals(1000 / 11, sim.events().reorderedCount());
    }

    @Test
    void injectedFailuresComeFirst() {
        sim.events().retryAfterSeconds(3).failNext(429, 1).failNext(503, 1);
        SimClient.Reply tooMany = journal.read("");
        assertEquals(429, tooMany.status());
        assertEquals("3", tooMany.header("retry-after"));
        assertEquals(503, journal.read("").status());
        assertEquals(204, journal.read("").status());
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> sim.events().duplicateFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> sim.events().reorderFraction(-0.1));
        assertThrows(IllegalArgumentException.class, () -> sim.events().reorderFraction(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> sim.events().retainLast(0));
        assertThrows(IllegalArgumentException.class, () -> sim.events().retainFor(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> sim.events().retryAfterSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> sim.events().failNext(200, 1));
        assertFalse(sim.events().entries().iterator().hasNext());
    }
}
