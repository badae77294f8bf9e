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
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.JournalEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What job 4 found.
     *
     * @param products    products in the mirror at the end
     * @param differences products missing, extra or different in the mirror
     * @param saves       save events applied
     * @param deletes     delete events applied
     * @param caughtUp    whether the journal route applied the last change before the comparison
     */
    record Result(long products, long differences, long saves, long deletes, boolean caughtUp) {
        boolean exact() {
            return caughtUp && differences == 0;
        }
    }

    private final AccsSimulator simulator;
    private final MirrorStore store;
    private final CatalogMirrorRoutes routes;
    private final PrintStream console;

    CatalogMirror(AccsSimulator simulator, Path folder, PrintStream console) throws IOException {
        this.simulator = simulator;
        this.store = new MirrorStore(folder);
        this.routes = new CatalogMirrorRoutes(simulator.journalUrl(), SINCE, store);
        this.console = console;
    }

    CatalogMirrorRoutes routes() {
        return routes;
    }

    MirrorStore store() {
        return store;
    }

    Result run(CamelContext camel, ProducerTemplate template) throws Exception {
        // at-least-once, as I/O Events: 2 % of the events come twice; caught up, poll again after a second
        simulator.events().retryAfterSeconds(1).duplicateFraction(0.02);
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
            camel.getRouteController().stopRoute(CatalogMirrorRoutes.JOURNAL_ROUTE);

            List<String> differences = compare();
            long products = store.skus().size();
            for (String difference : differences.subList(0, Math.min(5, differences.size()))) {
                console.printf(Locale.ROOT, "  difference: %s%n", difference);
            }
            console.print(String.format(Locale.ROOT,
                    "  mirror: %,d products, %,d differences (%,d saves, %,d deletes applied)%s, %.1f s%n",
                    products, differences.size(), store.savesApplied(), store.deletesApplied(),
                    caughtUp ? "" : ", NOT caught up", seconds(started)));
            return new Result(products, differences.size(), store.savesApplied(), store.deletesApplied(), caughtUp);
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
