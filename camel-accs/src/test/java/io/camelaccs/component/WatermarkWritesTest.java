package io.camelaccs.component;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.Figures;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watermark is written to the state repository once per page, not once per item; a failed delivery still
 * resumes at the failed item, and a stop keeps the position of the last completed exchange.
 */
class WatermarkWritesTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    /** A memory repository that counts its writes and keeps each value written. */
    static final class CountingStateRepository extends MemoryStateRepository {
        final List<String> writes = new CopyOnWriteArrayList<>();

        @Override
        public void setState(String key, String value) {
            writes.add(value);
            super.setState(key, value);
        }
    }

    private FakeCommerce commerce;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final CountingStateRepository repository = new CountingStateRepository();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCommerce() throws Exception {
        commerce = new FakeCommerce("/V1/orders");
    }

    @AfterEach
    void stopAll() {
        contexts.forEach(CamelContext::stop);
        commerce.close();
    }

    private static String ts(long seconds) {
        return T0.plusSeconds(seconds).format(TS);
    }

    private CamelContext start(String options, Processor processor) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("accs", commerce.component(ImsStubs.CLIENT_ID, ImsStubs.CLIENT_SECRET));
        context.getRegistry().bind("watermarks", repository);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=20&initialDelay=0&stateRepository=#watermarks"
                     + "&syncId=orders" + options).routeId("orders-sync").process(processor);
            }
        });
        contexts.add(context);
        context.start();
        return context;
    }

    private static long id(org.apache.camel.Exchange e) {
        return ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
    }

    @Test
    void aFirstSyncWritesTheWatermarkOncePerPage() throws Exception {
        int items = 10_000;
        for (long id = 1; id <= items; id++) {
            commerce.put(id, ts(id / 4));
        }
        long begin = System.nanoTime();
        start("&pageSize=200", e -> delivered.add(id(e)));

        await().atMost(60, TimeUnit.SECONDS).until(() -> delivered.size() >= items);
        long ms = Figures.millisSince(begin);
        await().atMost(10, TimeUnit.SECONDS).until(() -> repository.getState("accs:orders") != null
                                                         && repository.getState("accs:orders").endsWith("|" + items));

        Figures.report("aFirstSyncWritesTheWatermarkOncePerPage", items + " items in pages of 200: "
                       + repository.writes.size() + " watermark writes, delivered in " + ms + " ms");
        assertEquals(ts(items / 4) + "|" + items, repository.getState("accs:orders"));
        assertTrue(repository.writes.size() <= items / 200 + 1, "about one write per page: " + repository.writes.size());
        assertTrue(repository.writes.size() >= items / 200, "and at least one per page: " + repository.writes.size());
    }

    @Test
    void aFailureMidPageStoresTheLastCompletedItemAndResumesAtTheFailedOne() throws Exception {
        for (long id = 1; id <= 300; id++) {
            commerce.put(id, ts(id));
        }
        AtomicInteger calls = new AtomicInteger();
        List<Long> firstOfEachPoll = new CopyOnWriteArrayList<>();
        List<String> storedWhenItFailed = new CopyOnWriteArrayList<>();
        start("&pageSize=50", e -> {
            long id = id(e);
            if (Integer.valueOf(0).equals(e.getProperty("CamelBatchIndex"))) {
                firstOfEachPoll.add(id);
            }
            if (calls.incrementAndGet() == 117) {
                throw new IllegalStateException("downstream refused item " + id);
            }
            if (id == 118) {
                storedWhenItFailed.add(repository.getState("accs:orders"));
            }
            delivered.add(id);
        });

        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 300);

        assertEquals(List.of(ts(116) + "|116"), storedWhenItFailed, "the failure stored the last completed item");
        assertTrue(firstOfEachPoll.contains(117L), "the next poll starts at the failed item: " + firstOfEachPoll);
        assertEquals(300, delivered.size(), "nothing before the failed item is delivered again");
        assertTrue(repository.writes.size() <= 300 / 50 + 3, "still about one write per page: " + repository.writes);
    }

    @Test
    void aStopWritesThePositionOfTheLastCompletedExchange() throws Exception {
        for (long id = 1; id <= 300; id++) {
            commerce.put(id, ts(id));
        }
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CamelContext context = start("&pageSize=100", e -> {
            long id = id(e);
            delivered.add(id);
            if (id == 130) {
                // the route is busy with item 130 when the stop is asked for; graceful shutdown lets it complete
                reached.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
        });
        assertTrue(reached.await(20, TimeUnit.SECONDS));
        assertEquals(ts(100) + "|100", repository.getState("accs:orders"), "mid-page: the first page is stored");

        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("orders-sync");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        AccsConsumer consumer = (AccsConsumer) context.getRoute("orders-sync").getConsumer();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !consumer.isBatchAllowed());
        release.countDown();
        stopper.join(20_000);

        assertEquals(ts(130) + "|130", repository.getState("accs:orders"), "the stop kept item 130, the last completed");
        assertEquals(130, delivered.size());
    }
}
