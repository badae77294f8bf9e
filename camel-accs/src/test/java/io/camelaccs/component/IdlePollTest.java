package io.camelaccs.component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.Figures;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a bulk import stamped thousands of orders with one second, an idle consumer poll is one search: polls start at
 * the watermark, and a single look-back pass walks that second again once nothing late can still appear in it.
 */
class IdlePollTest {

    private static final String BULK_SECOND = "2026-01-01 10:00:00";

    private FakeCommerce commerce;
    private CamelContext context;
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    /** commerce.searches() as each idle poll ended (sendEmptyMessageWhenIdle). */
    private final List<Integer> searchesAtIdlePolls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCommerce() throws Exception {
        commerce = new FakeCommerce("/V1/orders");
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        commerce.close();
    }

    private void startConsumer(String options) throws Exception {
        context = new DefaultCamelContext();
        context.addComponent("accs", commerce.component(ImsStubs.CLIENT_ID, ImsStubs.CLIENT_SECRET));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&pageSize=100&delay=10&initialDelay=0"
                     + "&sendEmptyMessageWhenIdle=true" + options)
                        .routeId("orders-sync")
                        .process(e -> {
                            Map<?, ?> order = e.getMessage().getBody(Map.class);
                            if (order == null) {
                                searchesAtIdlePolls.add(commerce.searches());
                            } else {
                                delivered.add(((Number) order.get("entity_id")).longValue());
                            }
                        });
            }
        });
        context.start();
    }

    /** Searches made by each of the last n idle polls. */
    private List<Integer> lastIdlePollCosts(int n) {
        List<Integer> at = new ArrayList<>(searchesAtIdlePolls);
        List<Integer> costs = new ArrayList<>();
        for (int i = Math.max(1, at.size() - n); i < at.size(); i++) {
            costs.add(at.get(i) - at.get(i - 1));
        }
        return costs;
    }

    @Test
    void threeThousandOrdersOfOneSecondCostOneSearchPerIdlePoll() throws Exception {
        for (long id = 1; id <= 3000; id++) {
            commerce.put(id, BULK_SECOND);
        }
        startConsumer("&incrementalOverlap=200");

        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 3000);
        int firstIdle = searchesAtIdlePolls.size();
        long settleStart = System.nanoTime();
        // one look-back pass walks the second again once overlap (0.2 s) plus the second of precision have passed
        await().atMost(10, TimeUnit.SECONDS).until(() -> costsSince(firstIdle).stream().anyMatch(c -> c > 1));
        long settledMs = Figures.millisSince(settleStart);
        int idlePolls = searchesAtIdlePolls.size();
        await().atMost(10, TimeUnit.SECONDS).until(() -> searchesAtIdlePolls.size() >= idlePolls + 20);

        List<Integer> all = costsSince(firstIdle);
        List<Integer> costs = lastIdlePollCosts(20);
        assertEquals(20, costs.size());
        Figures.report("threeThousandOrdersOfOneSecondCostOneSearchPerIdlePoll", "searches per idle poll " + all
                       + ", the pass " + settledMs + " ms after the last delivery");
        assertEquals(1, all.stream().filter(c -> c > 1).count(), "a single look-back pass: " + all);
        assertTrue(all.stream().allMatch(c -> c == 1 || c == 31), "one search, or the pass over 3 000 items: " + all);
        assertEquals(List.of(1), costs.stream().distinct().toList(), "each idle poll is one search: " + costs);
        assertEquals(3000, delivered.size(), "nothing delivered twice");
        assertEquals(3000, new HashSet<>(delivered).size());
    }

    /** Searches made by each idle poll after the first n. */
    private List<Integer> costsSince(int n) {
        List<Integer> at = new ArrayList<>(searchesAtIdlePolls);
        List<Integer> costs = new ArrayList<>();
        for (int i = Math.max(1, n + 1); i < at.size(); i++) {
            costs.add(at.get(i) - at.get(i - 1));
        }
        return costs;
    }

    @Test
    void aLateCommitInsideTheLookBackIsStillDelivered() throws Exception {
        for (long id = 2; id <= 1001; id++) {
            commerce.put(id, BULK_SECOND);
        }
        startConsumer("&incrementalOverlap=2000");
        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 1000);

        // saved in the bulk's second with a lower id, visible only now: it sorts before the watermark
        commerce.put(1, BULK_SECOND);

        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.contains(1L));
        int idlePolls = searchesAtIdlePolls.size();
        await().atMost(20, TimeUnit.SECONDS).until(() -> searchesAtIdlePolls.size() >= idlePolls + 5
                                                         && lastIdlePollCosts(2).equals(List.of(1, 1)));
        assertEquals(1001, delivered.size(), "the late order once, nothing else again");
        assertEquals(1001, new HashSet<>(delivered).size());
    }
}
