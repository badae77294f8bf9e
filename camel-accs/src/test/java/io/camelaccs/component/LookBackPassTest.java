package io.camelaccs.component;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.Figures;
import io.camelaccs.testsupport.ImsStubs;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The look-back of the incremental consumer as users meet it: a change that keeps its updated_at, a late commit after
 * a restart or after a burst larger than the look-back's memory, a throttled search, the cost of polls after a bulk
 * import, and the key of the watermark. Time that the consumer measures runs on the component's clock, which the test
 * moves: the default overlap (60 s) passes without waiting.
 */
class LookBackPassTest {

    private static final String SECOND = "2026-01-01 10:00:00";
    private static final String NEXT_SECOND = "2026-01-01 10:00:01";
    /** Beyond the default overlap of 60 s plus the second of stamp precision. */
    private static final Duration SETTLE = Duration.ofSeconds(61);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:30Z"));
    private FakeCommerce commerce;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final List<Map<?, ?>> delivered = new CopyOnWriteArrayList<>();
    /** commerce.searches() as each idle poll ended (sendEmptyMessageWhenIdle). */
    private final List<Integer> searchesAtIdlePolls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCommerce() throws Exception {
        commerce = new FakeCommerce("/V1/orders");
    }

    @AfterEach
    void stopAll() {
        contexts.forEach(CamelContext::stop);
        commerce.close();
    }

    private CamelContext context(String options, Consumer<CamelContext> registry) throws Exception {
        CamelContext context = new DefaultCamelContext();
        AccsComponent accs = commerce.component(ImsStubs.CLIENT_ID, ImsStubs.CLIENT_SECRET);
        accs.setClock(clock);
        context.addComponent("accs", accs);
        registry.accept(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=10&initialDelay=0"
                     + "&sendEmptyMessageWhenIdle=true" + options)
                        .routeId("orders-sync")
                        .process(e -> {
                            Map<?, ?> order = e.getMessage().getBody(Map.class);
                            if (order == null) {
                                searchesAtIdlePolls.add(commerce.searches());
                            } else {
                                delivered.add(order);
                            }
                        });
            }
        });
        contexts.add(context);
        context.start();
        return context;
    }

    private CamelContext start(String options) throws Exception {
        return context(options, c -> {
        });
    }

    private List<Long> ids() {
        return delivered.stream().map(o -> ((Number) o.get("entity_id")).longValue()).toList();
    }

    /** Waits for polls that deliver nothing: a pass under way has ended by then. */
    private void awaitIdlePolls(int polls) {
        int now = searchesAtIdlePolls.size();
        await().atMost(30, TimeUnit.SECONDS).until(() -> searchesAtIdlePolls.size() >= now + polls);
    }

    @Test
    void anOrderPlacedAndInvoicedInTheSameSecondIsDeliveredTwice() throws Exception {
        commerce.put(1, SECOND, Map.of("status", "pending"));
        start("");
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() == 1);

        // invoiced in the same second: updated_at and the id stay, the content changes
        commerce.put(1, SECOND, Map.of("status", "processing"));
        awaitIdlePolls(3);
        clock.advance(SETTLE);

        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() >= 2);
        awaitIdlePolls(3);
        clock.advance(SETTLE);
        awaitIdlePolls(3);
        assertEquals(List.of("pending", "processing"), delivered.stream().map(o -> o.get("status")).toList(),
                "each state once, in order");
    }

    @Test
    void aLateCommitInTheWatermarksSecondIsDeliveredAfterARestart() throws Exception {
        for (long id = 2; id <= 101; id++) {
            commerce.put(id, SECOND);
        }
        Path file = dir.resolve("watermarks.dat");
        String options = "&pageSize=50&stateRepository=#watermarks&syncId=orders";
        CamelContext first = context(options,
                c -> c.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(file.toFile())));
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() >= 100);
        first.stop();

        context(options, c -> c.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(file.toFile())));
        // the first poll looks back over the overlap before the stored watermark: the memory is empty after a start,
        // so it delivers that window again (duplicates bounded by the window)
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() >= 200);
        // saved in the watermark's second with a lower id, committed only after the restart's first pass
        commerce.put(1, SECOND);
        awaitIdlePolls(3);
        clock.advance(SETTLE);

        await().atMost(10, TimeUnit.SECONDS).until(() -> ids().contains(1L));
        awaitIdlePolls(3);
        assertEquals(1, Collections.frequency(ids(), 1L), "the late order once");
        for (long id = 2; id <= 101; id++) {
            assertEquals(2, Collections.frequency(ids(), id), "before and after the restart: " + id);
        }
        assertEquals(201, delivered.size());
    }

    @Test
    void aLateCommitAfterABurstBeyondTheLookBacksMemoryIsDelivered() throws Exception {
        int burst = 12_000;
        for (long id = 2; id <= burst + 1; id++) {
            commerce.put(id, SECOND);
        }
        start("&pageSize=100&lookBackMemory=10000");
        await().atMost(30, TimeUnit.SECONDS).until(() -> delivered.size() >= burst);

        commerce.put(1, SECOND);
        awaitIdlePolls(3);
        clock.advance(SETTLE);

        await().atMost(30, TimeUnit.SECONDS).until(() -> ids().contains(1L));
        awaitIdlePolls(3);
        List<Long> ids = ids();
        Set<Long> distinct = new HashSet<>(ids);
        int again = ids.size() - distinct.size();
        Figures.report("aLateCommitAfterABurstBeyondTheLookBacksMemoryIsDelivered",
                burst + " orders in one second, memory 10000: the pass delivered the late order and " + again
                + " it could no longer recognise");
        assertEquals(burst + 1, distinct.size(), "every order, the late one included");
        assertEquals(1, Collections.frequency(ids, 1L));
        // the delivery forgot 2 500 (a quarter of the memory); making room for them again, the pass forgets at most
        // another quarter it has still to read: far from the whole burst
        assertTrue(again > 0 && again <= 5_000, "only what the memory forgot is delivered again: " + again);
    }

    @Test
    void aSearchThrottledWithRetryAfterDoesNotSettleTheWindowEarly() throws Exception {
        commerce.put(10, SECOND);
        // look back over 0.1 s (+1 s of stamp precision): the 2 s Retry-After pause is longer than that
        start("&incrementalOverlap=100");
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() == 1);

        // the next search is throttled; during the pause 10 s pass on the component's clock and order 20 is saved
        commerce.throttleSearches(1, 2, () -> {
            clock.advance(Duration.ofSeconds(10));
            commerce.put(20, NEXT_SECOND);
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> ids().contains(20L));
        awaitIdlePolls(3);

        // saved in order 20's second with a lower id, committed after the sync read 20: only a look-back finds it, and
        // the window holding 20 can settle only 1.1 s after the answer that brought 20 arrived, not after it was asked
        commerce.put(15, NEXT_SECOND);
        awaitIdlePolls(3);
        clock.advance(Duration.ofMillis(1_100));

        await().atMost(10, TimeUnit.SECONDS).until(() -> ids().contains(15L));
        assertEquals(List.of(10L, 20L, 15L), ids());
    }

    @Test
    void afterABurstOfOneSecondPollsCostOneSearchAndOnePassSettlesIt() throws Exception {
        int burst = 20_000;
        for (long id = 1; id <= burst; id++) {
            commerce.put(id, SECOND);
        }
        start("&pageSize=100");
        await().atMost(60, TimeUnit.SECONDS).until(() -> delivered.size() >= burst);
        int afterBurst = commerce.searches();
        int firstIdle = searchesAtIdlePolls.size();
        await().atMost(60, TimeUnit.SECONDS).until(() -> searchesAtIdlePolls.size() >= firstIdle + 4);

        // a change made before the window can settle is delivered by the next poll, which costs one search
        int before = commerce.searches();
        commerce.put(burst + 1, NEXT_SECOND);
        await().atMost(10, TimeUnit.SECONDS).until(() -> ids().contains((long) burst + 1));
        int toDeliverIt = commerce.searches() - before;
        int idleBefore = searchesAtIdlePolls.size();
        await().atMost(10, TimeUnit.SECONDS).until(() -> searchesAtIdlePolls.size() >= idleBefore + 3);

        clock.advance(SETTLE);
        // polls go on while the clock is advanced: wait for eight idle polls after the pass, wherever it falls
        int advancedAt = searchesAtIdlePolls.size();
        await().atMost(60, TimeUnit.SECONDS).until(() -> idlePollsAfterAPassSince(advancedAt) >= 8);
        int settled = commerce.searches();

        // the searches of each idle poll since the burst was delivered (2 for the one after the change's delivery)
        List<Integer> costs = new ArrayList<>();
        for (int i = firstIdle + 1; i < searchesAtIdlePolls.size(); i++) {
            costs.add(searchesAtIdlePolls.get(i) - searchesAtIdlePolls.get(i - 1));
        }
        List<Integer> passes = costs.stream().filter(c -> c > 2).toList();
        Figures.report("afterABurstOfOneSecondPollsCostOneSearchAndOnePassSettlesIt", burst + " orders in one second"
                       + " at page 100: " + (settled - afterBurst) + " searches from the end of the burst to settled"
                       + " polls, passes " + passes + ", a change made meanwhile delivered after " + toDeliverIt
                       + " searches");
        assertEquals(1, passes.size(), "one look-back pass, once the window can settle: " + costs);
        assertTrue(passes.get(0) <= 201, "the pass reads the burst's second once: " + passes.get(0));
        assertTrue(toDeliverIt <= 2, "the change came with the next poll: " + toDeliverIt + " searches");
        assertEquals(List.of(1), costs.subList(costs.size() - 8, costs.size()).stream().distinct().toList(),
                "then each idle poll is one search: " + costs);
        assertEquals(burst + 1, new TreeSet<>(ids()).size());
        assertEquals(burst + 1, delivered.size(), "nothing delivered twice");
    }

    /** How many idle polls followed the first look-back pass (a poll of more than two searches) after {@code from}. */
    private int idlePollsAfterAPassSince(int from) {
        List<Integer> at = List.copyOf(searchesAtIdlePolls);
        for (int i = Math.max(1, from); i < at.size(); i++) {
            if (at.get(i) - at.get(i - 1) > 2) {
                return at.size() - 1 - i;
            }
        }
        return 0;
    }

    @Test
    void aPersistentStateRepositoryWithoutSyncIdFailsTheStart() {
        Exception e = assertThrows(Exception.class, () -> context("&stateRepository=#watermarks",
                c -> c.getRegistry().bind("watermarks",
                        FileStateRepository.fileStateRepository(dir.resolve("w.dat").toFile()))));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().startsWith("Option syncId is required on /V1/orders with stateRepository (a"
                                                + " FileStateRepository)"),
                root.getMessage());
        assertTrue(root.getMessage().contains("for example syncId=orders"), root.getMessage());
    }

    /** A memory repository that keeps the keys written. */
    static final class KeyRecordingStateRepository extends MemoryStateRepository {
        final Set<String> keys = ConcurrentHashMap.newKeySet();

        @Override
        public void setState(String key, String value) {
            keys.add(key);
            super.setState(key, value);
        }
    }

    @Test
    void withoutSyncIdTheWatermarkIsKeptUnderTheRouteIdGivenElseThePathAndFilter() throws Exception {
        commerce.put(1, SECOND, Map.of("status", "processing"));
        KeyRecordingStateRepository watermarks = new KeyRecordingStateRepository();
        CamelContext context = new DefaultCamelContext();
        context.addComponent("accs", commerce.component(ImsStubs.CLIENT_ID, ImsStubs.CLIENT_SECRET));
        context.getRegistry().bind("watermarks", watermarks);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=10&stateRepository=#watermarks")
                        .routeId("orders-sync").to("log:named?level=OFF");
                // a route id Camel generates ("route2") changes when routes are added: not a key
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=10&stateRepository=#watermarks"
                     + "&filter=status eq 'processing'")
                        .to("log:unnamed?level=OFF");
            }
        });
        contexts.add(context);
        context.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> watermarks.keys.size() >= 2);
        int searches = commerce.searches();
        await().atMost(10, TimeUnit.SECONDS).until(() -> commerce.searches() >= searches + 4);
        assertEquals(Set.of("accs:orders-sync", "accs:/V1/orders?status eq 'processing'"), watermarks.keys,
                "no key under a generated route id");
    }
}
