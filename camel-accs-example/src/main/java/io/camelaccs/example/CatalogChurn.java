package io.camelaccs.example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelaccs.test.AccsSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the merchant does while job 4 mirrors the catalog: creates, changes and deletes products at random, one
 * change every few milliseconds, through the simulator's Java API (as an admin user would, not through the REST API
 * the jobs use; Commerce publishes an event either way). Seeded: the same seed makes the same changes in the same
 * order. New SKUs are hostile on purpose (space, slash, {@code +}, {@code %}, umlaut).
 */
final class CatalogChurn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogChurn.class);

    enum Change {
        CREATE, UPDATE, DELETE
    }

    private final AccsSimulator simulator;
    private final Random random;
    private final List<Change> plan;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger created = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "catalog-churn");
        t.setDaemon(true);
        return t;
    });

    CatalogChurn(AccsSimulator simulator, long seed, int creates, int updates, int deletes) {
        this.simulator = simulator;
        this.random = new Random(seed);
        List<Change> changes = new ArrayList<>();
        changes.addAll(Collections.nCopies(creates, Change.CREATE));
        changes.addAll(Collections.nCopies(updates, Change.UPDATE));
        changes.addAll(Collections.nCopies(deletes, Change.DELETE));
        Collections.shuffle(changes, random);
        this.plan = List.copyOf(changes);
    }

    /** Starts making one change every {@code intervalMillis}. */
    void start(long intervalMillis) {
        timer.scheduleAtFixedRate(this::step, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits until every change has been made. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    int changes() {
        return plan.size();
    }

    long count(Change kind) {
        return plan.stream().filter(kind::equals).count();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void step() {
        int n = done.get();
        if (n >= plan.size()) {
            return;
        }
        try {
            apply(plan.get(n));
        } catch (RuntimeException e) {
            LOG.warn("Change {} of the catalog churn failed", n, e);
        }
        if (done.incrementAndGet() == plan.size()) {
            finished.countDown();
            timer.shutdown();
        }
    }

    private void apply(Change change) {
        switch (change) {
            case CREATE -> {
                int k = created.incrementAndGet();
                ObjectNode product = JsonNodeFactory.instance.objectNode()
                        .put("sku", String.format(Locale.ROOT, "Mirror %03d/neu+ü 100%%", k))
                        .put("name", "Neues Produkt " + k).put("price", 10 + random.nextInt(90))
                        .put("type_id", "simple");
                simulator.products().upsert(product);
            }
            case UPDATE -> {
                String sku = anySku();
                simulator.products().update(sku, p -> p.put("price", random.nextInt(50_000) / 100.0)
                        .put("name", p.path("name").asText() + " *"));
            }
            case DELETE -> simulator.products().delete(anySku());
            default -> throw new IllegalStateException("Unknown change " + change);
        }
    }

    private String anySku() {
        List<String> skus = simulator.products().skus();
        return skus.get(random.nextInt(skus.size()));
    }
}
