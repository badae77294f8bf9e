package io.camelaccs.example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.events.AccsEventsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Job 4 against the embedded simulator: mirrors the catalog while {@link CatalogChurn} changes it, then compares
 * the mirror with the simulator's catalog, product by product and field by field.
 */
final class CatalogMirror {

    /** The churn: 600 seeded changes, as many creates as deletes so the catalog keeps its size. */
    static final long SEED = 20_260_301L;
    static final int CREATES = 150;
    static final int UPDATES = 300;
    static final int DELETES = 150;
    /** Reaches back before the export began (it takes seconds here); replayed events do no harm. */
    static final String SINCE = "-PT1H";
    /** As I/O Events may: this fraction of events delivered again later, and this fraction out of order. */
    static final double DUPLICATES = 0.02;
    static final double REORDERED = 0.05;
    /** Event ids remembered in memory by the idempotent repository; the file holds them all. */
    static final int IDS_CACHED = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What job 4 found.
     *
     * @param products    products in the mirror at the end
     * @param differences products missing, extra or different in the mirror
     * @param saves       save events received (each event id once)
     * @param deletes     delete events received (each event id once)
     * @param stale       events (and exported copies) ignored as the mirror held a newer state of the product
     * @param tombstones  deleted SKUs the mirror remembers
     * @param duplicates  deliveries dropped by the idempotent repository as an event id seen before
     * @param reordered   events the journal delivered after an event published later than them
     * @param caughtUp    whether the journal route applied the last change before the comparison
     */
    record Result(long products, long differences, long saves, long deletes, long stale, long tombstones,
            long duplicates, long reordered, boolean caughtUp) {
        boolean exact() {
            return caughtUp && differences == 0;
        }
    }

    private final AccsSimulator simulator;
    private final MirrorStore store;
    private final CatalogMirrorRoutes routes;
    private final PrintStream console;

    /**
     * @param folder   the mirror's folder, emptied first: each run mirrors a new simulator
     * @param eventIds the file of the event ids already applied; kept from run to run, as a real mirror keeps it
     *                 (a new simulator's events have new ids, as a real Commerce's do)
     */
    CatalogMirror(AccsSimulator simulator, Path folder, Path eventIds, PrintStream console) throws IOException {
        this.simulator = simulator;
        this.store = MirrorStore.fresh(folder);
        this.routes = new CatalogMirrorRoutes(simulator.journalUrl(), SINCE, store,
                FileIdempotentRepository.fileIdempotentRepository(eventIds.toFile(), IDS_CACHED));
        this.console = console;
    }

    CatalogMirrorRoutes routes() {
        return routes;
    }

    MirrorStore store() {
        return store;
    }

    Result run(CamelContext camel, ProducerTemplate template) throws Exception {
        // as I/O Events: at least once (2 % come again later) and in no promised order (5 % overtaken by the next);
        // caught up, the journal is asked again after a second
        simulator.events().retryAfterSeconds(1).duplicateFraction(DUPLICATES).reorderFraction(REORDERED);
        long started = System.nanoTime();
        try (CatalogChurn churn = new CatalogChurn(simulator, SEED, CREATES, UPDATES, DELETES)) {
            churn.start(10);
            template.requestBody(CatalogMirrorRoutes.EXPORT, (Object) null);
            console.print(String.format(Locale.ROOT, "  %,d products exported in %.1f s while %,d random changes"
                                                     + " (%,d creates, %,d updates, %,d deletes) are under way%n",
                    routes.exported(), seconds(started), churn.changes(), CREATES, UPDATES, DELETES));
            camel.getRouteController().startRoute(CatalogMirrorRoutes.JOURNAL_ROUTE);
            boolean churned = churn.await(120, TimeUnit.SECONDS);
            String last = lastProductEvent();
            boolean caughtUp = churned && (last == null || routes.progress().awaitApplied(last, 60_000));
            // the component counts for its running consumers: read before the route stops
            long duplicates = camel.getComponent("accs-events", AccsEventsComponent.class).getDuplicatesDropped();
            camel.getRouteController().stopRoute(CatalogMirrorRoutes.JOURNAL_ROUTE);

            long reordered = simulator.events().reorderedCount();
            console.print(String.format(Locale.ROOT, "  journal: %,d events delivered again (dropped by event id), %,d"
                                                     + " delivered out of order%n", duplicates, reordered));
            List<String> differences = compare();
            long products = store.skus().size();
            for (String difference : differences.subList(0, Math.min(5, differences.size()))) {
                console.printf(Locale.ROOT, "  difference: %s%n", difference);
            }
            console.print(String.format(Locale.ROOT,
                    "  mirror: %,d products, %,d differences (%,d saves, %,d deletes received; %,d older than the"
                    + " mirror's state, ignored)%s, %.1f s%n",
                    products, differences.size(), store.savesReceived(), store.deletesReceived(),
                    store.staleIgnored(), caughtUp ? "" : ", NOT caught up", seconds(started)));
            return new Result(products, differences.size(), store.savesReceived(), store.deletesReceived(),
                    store.staleIgnored(), store.tombstones(), duplicates, reordered, caughtUp);
        }
    }

    /** The position of the last product change, the one the mirror must have applied before comparing. */
    private String lastProductEvent() {
        List<JournalEntry> entries = simulator.events().entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            if (!e.duplicate() && (e.type().equals(CatalogMirrorRoutes.SAVE)
                                   || e.type().equals(CatalogMirrorRoutes.DELETE))) {
                return e.position();
            }
        }
        return null;
    }

    /** Every SKU missing from the mirror, extra in it, or stored with other values than the catalog has. */
    private List<String> compare() throws IOException {
        List<String> differences = new ArrayList<>();
        Set<String> catalog = new HashSet<>(simulator.products().skus());
        for (String sku : catalog) {
            JsonNode mirrored = store.get(sku);
            JsonNode actual = JSON.readTree(JSON.writeValueAsBytes(simulator.products().get(sku).orElseThrow()));
            if (mirrored == null) {
                differences.add(sku + " is missing");
            } else if (!mirrored.equals(actual)) {
                differences.add(sku + " differs");
            }
        }
        for (String sku : store.skus()) {
            if (!catalog.contains(sku)) {
                differences.add(sku + " was deleted");
            }
        }
        return differences;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
