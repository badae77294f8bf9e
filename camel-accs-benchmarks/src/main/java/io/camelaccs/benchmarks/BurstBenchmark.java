package io.camelaccs.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The idle cost after a burst: a bulk import stamps {@code burst} products with one second, the incremental consumer
 * delivers them, and then polls with nothing new. Counted: the searches from the end of the burst until the polls
 * cost one search each (the look-back passes over the burst's second), and how long a change saved right after the
 * burst waits to be delivered. On the real clock, with a short {@code incrementalOverlap} so that the window settles
 * within seconds.
 */
final class BurstBenchmark implements AutoCloseable {

    /**
     * @param searchesToDeliver  searches that delivered the burst
     * @param searchesToSettle   searches from the end of the burst until polls cost one search each
     * @param passes             the searches of each idle poll that cost more than one (a look-back pass)
     * @param changeDelayMillis  from saving a change after the burst to its delivery
     * @param repeatedDeliveries products delivered more than once
     */
    record Result(int burst, int pageSize, long delayMillis, long overlapMillis, long searchesToDeliver,
            long searchesToSettle, List<Long> passes, long changeDelayMillis, long repeatedDeliveries) {
    }

    private final int burst;
    private final int pageSize;
    private final long delayMillis;
    private final long overlapMillis;
    private final GeneratorServer server;
    private final CamelContext context;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicLong changeDeliveredAt = new AtomicLong();
    /** server.searches as each idle poll ended (sendEmptyMessageWhenIdle). */
    private final List<Long> searchesAtIdlePolls = new CopyOnWriteArrayList<>();

    BurstBenchmark(int burst, int pageSize, long delayMillis, long overlapMillis) throws Exception {
        this.burst = burst;
        this.pageSize = pageSize;
        this.delayMillis = delayMillis;
        this.overlapMillis = overlapMillis;
        // one second for every product of the burst; the change saved after it is stamped a second later
        server = new GeneratorServer(burst, 0, burst + 1);
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(server.baseUrl());
        accs.getConfiguration().setImsUrl(server.imsUrl());
        accs.getConfiguration().setClientId("bench-client");
        accs.getConfiguration().setClientSecret("bench-secret");
        context.addComponent("accs", accs);
        long change = burst + 1;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/products?incrementalField=updated_at&pageSize=" + pageSize + "&delay=" + delayMillis
                     + "&initialDelay=0&incrementalOverlap=" + overlapMillis + "&sendEmptyMessageWhenIdle=true")
                        .routeId("burst").autoStartup(false)
                        .process(e -> {
                            Map<?, ?> product = e.getMessage().getBody(Map.class);
                            if (product == null) {
                                searchesAtIdlePolls.add(server.searches.get());
                                return;
                            }
                            long id = ((Number) product.get("entity_id")).longValue();
                            delivered.incrementAndGet();
                            lastId.accumulateAndGet(id, Math::max);
                            if (id == change) {
                                changeDeliveredAt.compareAndSet(0, System.nanoTime());
                            }
                        });
            }
        });
        context.start();
    }

    Result run() throws Exception {
        long searches0 = server.searches.get();
        context.getRouteController().startRoute("burst");
        await(() -> lastId.get() >= burst, 180, "the burst was not delivered");
        long afterBurst = server.searches.get();
        int firstIdle = searchesAtIdlePolls.size();

        // a change saved right after the burst, before its window can settle
        long savedAt = System.nanoTime();
        server.add(1);
        await(() -> changeDeliveredAt.get() != 0, 60, "the change was not delivered");
        long changeDelay = (changeDeliveredAt.get() - savedAt) / 1_000_000;

        // settled: the window's settling time has passed twice since the change, and 5 idle polls cost 1 search each
        long settleNanos = TimeUnit.MILLISECONDS.toNanos(2 * (overlapMillis + 1000));
        await(() -> System.nanoTime() - changeDeliveredAt.get() > settleNanos && lastCosts(5).equals(List.of(1L, 1L, 1L,
                1L, 1L)), 180, "the polls did not settle");
        List<Long> costs = costsSince(firstIdle);
        long settledAt = searchesAtIdlePolls.get(searchesAtIdlePolls.size() - 5);
        context.getRouteController().stopRoute("burst", 10, TimeUnit.SECONDS);
        List<Long> passes = costs.stream().filter(c -> c > 2).toList();
        return new Result(burst, pageSize, delayMillis, overlapMillis, afterBurst - searches0, settledAt - afterBurst,
                passes, changeDelay, delivered.get() - (burst + 1));
    }

    private List<Long> lastCosts(int n) {
        List<Long> costs = costsSince(0);
        return costs.size() < n ? List.of() : costs.subList(costs.size() - n, costs.size());
    }

    /** The searches of each idle poll after the first n (2 for the one after a poll that delivered). */
    private List<Long> costsSince(int n) {
        List<Long> at = List.copyOf(searchesAtIdlePolls);
        List<Long> costs = new java.util.ArrayList<>();
        for (int i = n + 1; i < at.size(); i++) {
            costs.add(at.get(i) - at.get(i - 1));
        }
        return costs;
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds, String failure)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(failure + " within " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        context.stop();
        server.close();
    }
}
