package io.camelaccs.faults;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.testsupport.FakeCommerce;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Nothing lost by the incremental consumer, counted on the receiving side: the route itself records each exchange that
 * reaches its end and each that reaches its error handler, and once the consumer claims to be done (its watermark
 * stands at the last item) those counts are compared with what Commerce holds. Some items fail on their first delivery;
 * each must reach the error handler once and then complete once at a later poll. A consumer that dropped an exchange,
 * or swallowed a failure and moved its watermark past it, claims to be done with items missing, and fails here at once
 * rather than by a timeout.
 */
class ConsumerNothingLostTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0, 0);
    private static final int ITEMS = 240;
    /** Items that fail on their first delivery. */
    private static final int FAIL_EVERY = 17;

    private FakeCommerce commerce;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (commerce != null) {
            commerce.close();
        }
    }

    private static String ts(long id) {
        return T0.plusSeconds(id / 3).format(TS); // three items share each timestamp
    }

    @Test
    void everyItemReachesTheEndOnceAndEveryFailureTheErrorHandlerOnce() throws Exception {
        commerce = new FakeCommerce("/V1/orders");
        for (long id = 1; id <= ITEMS; id++) {
            commerce.put(id, ts(id));
        }
        Map<Long, AtomicInteger> completed = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> failed = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        MemoryStateRepository watermarks = new MemoryStateRepository();

        context = new DefaultCamelContext();
        context.addComponent("accs", commerce.component(FaultSupport.CLIENT_ID, FaultSupport.CLIENT_SECRET));
        context.getRegistry().bind("watermarks", watermarks);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&pageSize=25&delay=10&initialDelay=0"
                     + "&stateRepository=#watermarks&syncId=orders")
                        .routeId("orders-sync")
                        // not handled: the exchange stays failed, and the consumer must deliver it again
                        .onException(Exception.class).process(e -> count(failed, e)).end()
                        .process(e -> started.incrementAndGet())
                        .process(e -> {
                            long id = id(e);
                            if (id % FAIL_EVERY == 0 && failedOnce.add(id)) {
                                throw new IllegalStateException("first delivery of " + id + " fails");
                            }
                        })
                        .process(e -> count(completed, e));
            }
        });
        context.start();

        // the consumer's own claim: its watermark stands at the last item
        String last = ts(ITEMS) + "|" + ITEMS;
        await().atMost(30, TimeUnit.SECONDS).pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> last.equals(watermarks.getState("accs:orders")));

        Map<Long, Integer> notOnce = new TreeMap<>();
        for (long id = 1; id <= ITEMS; id++) {
            int n = completed.getOrDefault(id, new AtomicInteger()).get();
            if (n != 1) {
                notOnce.put(id, n);
            }
        }
        FaultSupport.report("everyItemReachesTheEndOnceAndEveryFailureTheErrorHandlerOnce",
                "items " + ITEMS + ", started " + started + ", completed " + completed.size() + ", failed " + failed
                        .size() + ", searches " + commerce.searches());
        assertEquals(Map.of(), notOnce, "items of Commerce that did not reach the end of the route exactly once");
        Map<Long, Integer> failures = new TreeMap<>();
        failed.forEach((id, n) -> failures.put(id, n.get()));
        Map<Long, Integer> expectedFailures = new TreeMap<>();
        for (long id = FAIL_EVERY; id <= ITEMS; id += FAIL_EVERY) {
            expectedFailures.put(id, 1);
        }
        assertEquals(expectedFailures, failures, "each failing first delivery reached the error handler once");
        assertEquals(started.get(), ITEMS + expectedFailures.size(),
                "every exchange the route began reached its end or its error handler");
        List<Long> strays = completed.keySet().stream().filter(id -> id < 1 || id > ITEMS).toList();
        assertEquals(List.of(), strays);
    }

    private static long id(Exchange e) {
        return ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
    }

    private static void count(Map<Long, AtomicInteger> where, Exchange e) {
        where.computeIfAbsent(id(e), k -> new AtomicInteger()).incrementAndGet();
    }
}
