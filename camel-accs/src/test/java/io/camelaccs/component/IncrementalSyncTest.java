package io.camelaccs.component;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.sync.Watermark;
import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalSyncTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    @TempDir
    Path dir;

    private FakeCommerce commerce;
    private final List<CamelContext> contexts = new ArrayList<>();
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

    private static String ts(int seconds) {
        return T0.plusSeconds(seconds).format(TS);
    }

    private CamelContext context(String from, org.apache.camel.Processor processor) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("accs", commerce.component(ImsStubs.CLIENT_ID, ImsStubs.CLIENT_SECRET));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("orders-sync").process(processor);
            }
        });
        contexts.add(context);
        return context;
    }

    private org.apache.camel.Processor record() {
        return e -> delivered.add(((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue());
    }

    @Test
    void itemsSharingATimestampAreAllDeliveredOnce() throws Exception {
        for (long id = 1; id <= 1000; id++) {
            commerce.put(id, ts((int) (id % 7) * 60));
        }
        CamelContext context = context("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                                       + "&initialDelay=0", record());
        context.start();

        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 1000);
        int polls = commerce.searches();
        await().atMost(10, TimeUnit.SECONDS).until(() -> commerce.searches() >= polls + 3);

        assertEquals(1000, delivered.size(), "nothing delivered twice, even after more polls");
        assertEquals(1000, new HashSet<>(delivered).size());
    }

    @Test
    void itemsUpdatedDuringAPollAreNeverSkipped() throws Exception {
        for (long id = 1; id <= 2000; id++) {
            commerce.put(id, ts((int) id / 10));
        }
        AtomicBoolean updated = new AtomicBoolean();
        Set<Long> changedLater = ConcurrentHashMap.newKeySet();
        CamelContext context = context("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                                       + "&initialDelay=0", e -> {
                                           record().process(e);
                                           if (delivered.size() == 700 && updated.compareAndSet(false, true)) {
                                               // 100 already delivered and 100 not yet delivered change now
                                               for (long id = 1; id <= 100; id++) {
                                                   commerce.put(id, ts(100_000));
                                               }
                                               for (long id = 1500; id < 1600; id++) {
                                                   commerce.put(id, ts(100_000));
                                                   changedLater.add(id);
                                               }
                                           }
                                       });
        context.start();

        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 2100);

        Set<Long> all = new HashSet<>(delivered);
        assertEquals(2000, all.size(), "every item delivered");
        assertEquals(2, Collections.frequency(delivered, 50L), "an item changed after its delivery comes again");
        for (long id : changedLater) {
            assertEquals(1, Collections.frequency(delivered, id), "a change before delivery is delivered once");
        }
        assertEquals(2100, delivered.size());
    }

    @Test
    void failedExchangeIsDeliveredAgainAtTheNextPoll() throws Exception {
        for (long id = 1; id <= 1000; id++) {
            commerce.put(id, ts((int) id));
        }
        AtomicInteger calls = new AtomicInteger();
        List<Long> firstOfEachPoll = new CopyOnWriteArrayList<>();
        CamelContext context = context("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                                       + "&initialDelay=0", e -> {
                                           long id = ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
                                           if (Integer.valueOf(0).equals(e.getProperty("CamelBatchIndex"))) {
                                               firstOfEachPoll.add(id);
                                           }
                                           if (calls.incrementAndGet() == 317) {
                                               throw new IllegalStateException("downstream refused item " + id);
                                           }
                                           delivered.add(id);
                                       });
        context.start();

        await().atMost(20, TimeUnit.SECONDS).until(() -> new HashSet<>(delivered).size() == 1000);

        assertTrue(firstOfEachPoll.contains(317L), "the next poll starts again at item 317: " + firstOfEachPoll);
        assertEquals(1000, delivered.size(), "items before 317 are not delivered again");
    }

    @Test
    void restartResumesFromTheFileStateRepository() throws Exception {
        for (long id = 1; id <= 300; id++) {
            commerce.put(id, ts((int) id / 3));
        }
        Path state = dir.resolve("watermarks.dat");
        String uri = "accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20&initialDelay=0"
                     + "&maxMessagesPerPoll=100&stateRepository=#watermarks&syncId=orders&incrementalOverlap=5000";

        CamelContext first = context(uri, record());
        first.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(state.toFile()));
        first.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.size() >= 100);
        first.stop();
        List<Long> beforeRestart = new ArrayList<>(delivered);
        assertEquals(beforeRestart.size(), new HashSet<>(beforeRestart).size());
        Watermark stored = Watermark.parse(storedState(state, "accs:orders"));

        CamelContext second = context(uri, record());
        second.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(state.toFile()));
        second.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> new HashSet<>(delivered).size() == 300);

        // a start looks back over the overlap (5 s) and the second of precision before the stored watermark, and
        // cannot recognise what it delivered before: those items come again, and only those
        String windowFrom = LocalDateTime.parse(stored.value(), TS).minusSeconds(6).format(TS);
        Set<Long> again = new TreeSet<>();
        for (long id : delivered.subList(beforeRestart.size(), delivered.size())) {
            if (beforeRestart.contains(id)) {
                again.add(id);
            }
        }
        Set<Long> inWindow = new TreeSet<>();
        for (long id : beforeRestart) {
            if (ts((int) id / 3).compareTo(windowFrom) >= 0) {
                inWindow.add(id);
            }
        }
        assertEquals(inWindow, again, "delivered again after the restart: the window before " + stored);
        assertTrue(again.size() <= 21, "6 s at three items a second: " + again);
        assertEquals(300 + again.size(), delivered.size());
    }

    private static String storedState(Path file, String key) throws Exception {
        FileStateRepository repository = FileStateRepository.fileStateRepository(file.toFile());
        repository.start();
        try {
            return repository.getState(key);
        } finally {
            repository.stop();
        }
    }

    @Test
    void consumerRejectsOptionsThatWouldBreakItsPaging() throws Exception {
        CamelContext context = context("accs:get:/V1/orders?incrementalField=updated_at&outputClass=java.lang.String",
                record());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, context::start);
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().startsWith("Options fetchAll, sortOrders, mode, outputClass, rawResponse and raw"
                                                + " searchCriteria[...] do not apply to an accs consumer"), root.getMessage());
    }

    @Test
    void oneExchangePerPageWhenResultsAreNotSplit() throws Exception {
        for (long id = 1; id <= 120; id++) {
            commerce.put(id, ts((int) id));
        }
        List<Integer> pageSizes = new CopyOnWriteArrayList<>();
        CamelContext context = context("accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                                       + "&initialDelay=0&splitResult=false",
                e -> pageSizes.add(e.getMessage().getBody(List.class).size()));
        context.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> pageSizes.stream().mapToInt(Integer::intValue).sum() >= 120);
        assertEquals(List.of(50, 50, 20), pageSizes);
    }

    @Test
    void onlyTheMasterPollsAndAnotherTakesOverFromTheSharedWatermark() throws Exception {
        for (long id = 1; id <= 200; id++) {
            commerce.put(id, ts((int) id));
        }
        Path state = dir.resolve("shared-watermarks.dat");
        String uri = "master:orders:accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                     + "&initialDelay=0&stateRepository=#watermarks&syncId=orders&incrementalOverlap=10000";
        List<String> nodes = new CopyOnWriteArrayList<>();
        CamelContext a = clusteredContext("a", uri, state, nodes);
        CamelContext b = clusteredContext("b", uri, state, nodes);
        a.start();
        b.start();

        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 200);
        Set<String> polling = new HashSet<>(nodes);
        assertEquals(1, polling.size(), "one node polls: " + polling);
        String leader = polling.iterator().next();

        for (long id = 201; id <= 260; id++) {
            commerce.put(id, ts((int) id));
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> delivered.size() >= 260);
        (leader.equals("a") ? a : b).stop();
        nodes.clear();
        for (long id = 261; id <= 300; id++) {
            commerce.put(id, ts((int) id));
        }

        await().atMost(30, TimeUnit.SECONDS).until(() -> new HashSet<>(delivered).size() == 300);
        assertEquals(Set.of(leader.equals("a") ? "b" : "a"), new HashSet<>(nodes), "the other node took over");
        // it went on from the shared watermark (260), looking back 10 s + 1 s before it: a late commit the leader
        // could not see any more is found, and only the items of that window repeat
        List<Long> repeated = delivered.stream().filter(id -> Collections.frequency(delivered, id) > 1).distinct()
                .sorted().toList();
        List<Long> window = new ArrayList<>();
        for (long id = 249; id <= 260; id++) {
            window.add(id);
        }
        assertEquals(window, repeated);
        assertEquals(300 + window.size(), delivered.size());
    }

    private CamelContext clusteredContext(String name, String uri, Path state, List<String> nodes) throws Exception {
        CamelContext context = context(uri, e -> {
            nodes.add(e.getContext().getName());
            record().process(e);
        });
        context.getCamelContextExtension().setName(name);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId("node-" + name);
        cluster.setRoot(dir.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(state.toFile()));
        return context;
    }
}
