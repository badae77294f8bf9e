package io.camelaccs.example;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.events.AccsEventsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mirror's journal route as I/O Events really delivers to it: out of order, again after a restart, and from a
 * new Commerce (a new simulator) with the event id file of an earlier run.
 */
class CatalogMirrorOrderTest {

    private static final long WAIT_MILLIS = 30_000;

    @TempDir
    Path dir;

    private AccsSimulator sim;
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = simulator();
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
        sim.close();
    }

    @Test
    void saveOvertakenByItsDeleteDoesNotBringTheProductBack() throws Exception {
        String sku = sim.products().skus().get(3);
        sim.events().reorderFraction(1);
        sim.products().update(sku, p -> p.put("price", 1.5)); // held back by the journal...
        sim.products().delete(sku); // ...and overtaken by the delete
        List<JournalEntry> journal = sim.events().entries();
        assertEquals(List.of(CatalogMirrorRoutes.DELETE, CatalogMirrorRoutes.SAVE),
                journal.stream().map(JournalEntry::type).toList());

        MirrorStore store = MirrorStore.fresh(dir.resolve("mirror"));
        CatalogMirrorRoutes mirror = startMirror(sim, store);

        assertTrue(mirror.progress().awaitApplied(journal.get(1).position(), WAIT_MILLIS));
        assertNull(store.get(sku), "the deleted product stays deleted");
        assertEquals(List.of(), store.skus());
        assertEquals(1, store.tombstones());
        assertEquals(1, store.staleIgnored());
    }

    @Test
    void restartedMirrorDropsTheEventsItAppliedAndAppliesTheNewOnes() throws Exception {
        List<String> skus = sim.products().skus();
        sim.products().update(skus.get(0), p -> p.put("price", 1));
        sim.products().update(skus.get(1), p -> p.put("price", 2));
        sim.products().delete(skus.get(2));
        MirrorStore store = MirrorStore.fresh(dir.resolve("mirror"));
        CatalogMirrorRoutes first = startMirror(sim, store);
        assertTrue(first.progress().awaitApplied(sim.events().latestPosition(), WAIT_MILLIS));
        contexts.get(0).stop();

        // the JVM restarts: the mirror and the event ids are what the files hold; the journal starts at since again
        MirrorStore restarted = new MirrorStore(dir.resolve("mirror"));
        CamelContext context = new DefaultCamelContext();
        CatalogMirrorRoutes second = startMirror(sim, restarted, context);
        sim.products().update(skus.get(0), p -> p.put("price", 9));

        assertTrue(second.progress().awaitApplied(sim.events().latestPosition(), WAIT_MILLIS));
        assertEquals(1, restarted.savesReceived() + restarted.deletesReceived(), "only the new event came through");
        assertEquals(3, context.getComponent("accs-events", AccsEventsComponent.class).getDuplicatesDropped());
        assertEquals(9, restarted.get(skus.get(0)).get("price").asInt());
        assertEquals(2, restarted.get(skus.get(1)).get("price").asInt());
        assertNull(restarted.get(skus.get(2)));
    }

    @Test
    void newSimulatorsEventsAreNotTakenForTheEarlierRunsEvents() throws Exception {
        // two runs of the example: each a new simulator from the same seed, the event id file kept between them
        String sku = sim.products().skus().get(5);
        sim.products().update(sku, p -> p.put("price", 11));
        MirrorStore one = MirrorStore.fresh(dir.resolve("one"));
        assertTrue(startMirror(sim, one).progress().awaitApplied(sim.events().latestPosition(), WAIT_MILLIS));
        contexts.get(0).stop();

        try (AccsSimulator next = simulator()) {
            next.products().update(sku, p -> p.put("price", 11));
            MirrorStore two = MirrorStore.fresh(dir.resolve("two"));
            CamelContext context = new DefaultCamelContext();
            startMirror(next, two, context);

            await().atMost(Duration.ofMillis(WAIT_MILLIS)).until(() -> two.get(sku) != null);
            assertEquals(11, two.get(sku).get("price").asInt());
            assertEquals(0, context.getComponent("accs-events", AccsEventsComponent.class).getDuplicatesDropped());
        }
    }

    private static AccsSimulator simulator() {
        AccsSimulator simulator = AccsSimulator.builder().products(20).orders(0).build().start();
        simulator.events().retryAfterSeconds(1); // caught up, the journal is asked again after a second
        return simulator;
    }

    private CatalogMirrorRoutes startMirror(AccsSimulator on, MirrorStore store) throws Exception {
        return startMirror(on, store, new DefaultCamelContext());
    }

    /** The journal route of job 4 with its file of event ids in the test's folder, as the example runs it. */
    private CatalogMirrorRoutes startMirror(AccsSimulator on, MirrorStore store, CamelContext context)
            throws Exception {
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setBaseUrl(on.baseUrl());
        accs.getConfiguration().setImsUrl(on.imsUrl());
        accs.getConfiguration().setClientId(on.clientId());
        accs.getConfiguration().setClientSecret(on.clientSecret());
        accs.getConfiguration().setOrgId(on.orgId());
        CatalogMirrorRoutes routes = new CatalogMirrorRoutes(on.journalUrl(), CatalogMirror.SINCE, store,
                FileIdempotentRepository.fileIdempotentRepository(dir.resolve("event-ids.txt").toFile(),
                        CatalogMirror.IDS_CACHED));
        context.addRoutes(routes);
        context.start();
        contexts.add(context);
        context.getRouteController().startRoute(CatalogMirrorRoutes.JOURNAL_ROUTE);
        return routes;
    }
}
