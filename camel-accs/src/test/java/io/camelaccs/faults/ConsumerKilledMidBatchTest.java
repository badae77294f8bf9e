package io.camelaccs.faults;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.camelaccs.testsupport.FakeCommerce;
import io.camelaccs.testsupport.Figures;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental consumer is killed while the route is processing item N of a page (its context stopped under it,
 * the item never completes), then restarted on the same FileStateRepository: every item is delivered at least once,
 * none is skipped, and only the uncommitted item N and those after it are delivered again, besides the items of the
 * look-back window before the stored watermark (5 s here), which a start always delivers again.
 */
class ConsumerKilledMidBatchTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0, 0);
    private static final int ITEMS = 300;
    /** Item 137: the middle of the third page of 50, and one of three items sharing a timestamp. */
    private static final long KILL_AT = 137;
    private static final String URI = "accs:get:/V1/orders?incrementalField=updated_at&pageSize=50&delay=20"
                                      + "&initialDelay=0&stateRepository=#watermarks&syncId=orders"
                                      + "&incrementalOverlap=5000";
    /** The first item of the look-back after the restart: stamped at or after the watermark's value minus 5 s + 1 s. */
    private static final long WINDOW_FROM = 117;

    @TempDir
    Path dir;

    private FakeCommerce commerce;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startCommerce() throws Exception {
        commerce = new FakeCommerce("/V1/orders");
        for (long id = 1; id <= ITEMS; id++) {
            commerce.put(id, ts(id));
        }
    }

    @AfterEach
    void stopAll() {
        release.countDown();
        contexts.forEach(CamelContext::stop);
        commerce.close();
    }

    private static String ts(long id) {
        return T0.plusSeconds(id / 3).format(TS);
    }

    private CamelContext context(String name, Path state, Processor processor) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.addComponent("accs", commerce.component(FaultSupport.CLIENT_ID, FaultSupport.CLIENT_SECRET));
        context.getRegistry().bind("watermarks", FileStateRepository.fileStateRepository(state.toFile()));
        // a kill, not a graceful stop: the in-flight item is not waited for beyond a second
        context.getShutdownStrategy().setTimeout(1);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(URI).routeId("orders-sync").process(processor);
            }
        });
        contexts.add(context);
        return context;
    }

    private static long id(org.apache.camel.Exchange e) {
        return ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
    }

    private static String storedWatermark(Path state) throws Exception {
        FileStateRepository repo = FileStateRepository.fileStateRepository(state.toFile());
        repo.start();
        try {
            return repo.getState("accs:orders");
        } finally {
            repo.stop();
        }
    }

    @Test
    void restartDeliversFromTheUncommittedItemOn() throws Exception {
        Path state = dir.resolve("watermarks.dat");
        List<Long> firstStarted = new CopyOnWriteArrayList<>();
        List<Long> firstCompleted = new CopyOnWriteArrayList<>();
        CountDownLatch reached = new CountDownLatch(1);
        AtomicBoolean killedItemEnded = new AtomicBoolean();

        CamelContext first = context("first", state, e -> {
            long id = id(e);
            firstStarted.add(id);
            if (id == KILL_AT) {
                reached.countDown();
                try {
                    // stuck on item N until the context is killed under it; it never completes
                    release.await(30, TimeUnit.SECONDS);
                } finally {
                    killedItemEnded.set(true);
                }
                throw new IllegalStateException("killed while processing item " + id);
            }
            firstCompleted.add(id);
        });
        first.start();
        assertTrue(reached.await(20, TimeUnit.SECONDS), "the route reached item " + KILL_AT);
        String watermarkAtKill = storedWatermark(state);
        long stopStart = System.nanoTime();
        first.stop();
        long stopMs = Figures.millisSince(stopStart);
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).untilTrue(killedItemEnded);
        String watermarkAfterKill = storedWatermark(state);

        List<Long> secondStarted = new CopyOnWriteArrayList<>();
        CamelContext second = context("second", state, e -> secondStarted.add(id(e)));
        long restart = System.nanoTime();
        second.start();
        await().atMost(20, TimeUnit.SECONDS).until(() -> new TreeSet<>(secondStarted).size() >= ITEMS - WINDOW_FROM + 1);
        long catchUpMs = Figures.millisSince(restart);
        int polls = commerce.searches();
        await().atMost(10, TimeUnit.SECONDS).until(() -> commerce.searches() >= polls + 3);

        TreeSet<Long> all = new TreeSet<>(firstCompleted);
        all.addAll(secondStarted);
        List<Long> redelivered = new ArrayList<>();
        for (long id : new TreeSet<>(secondStarted)) {
            if (firstStarted.contains(id)) {
                redelivered.add(id);
            }
        }
        FaultSupport.report("restartDeliversFromTheUncommittedItemOn",
                "killed at item " + KILL_AT + " (watermark then " + watermarkAtKill + ", after the kill "
                + watermarkAfterKill + ", stop took " + stopMs + " ms); first run completed " + firstCompleted.size()
                + ", second run delivered " + secondStarted.size() + " (first " + secondStarted.get(0) + ") in "
                + catchUpMs + " ms; items delivered " + all.size() + "/" + ITEMS + "; re-delivered " + redelivered);

        List<Long> expectedFirst = new ArrayList<>();
        for (long id = 1; id < KILL_AT; id++) {
            expectedFirst.add(id);
        }
        List<Long> expectedSecond = new ArrayList<>();
        for (long id = WINDOW_FROM; id <= ITEMS; id++) {
            expectedSecond.add(id);
        }
        List<Long> expectedAgain = new ArrayList<>();
        for (long id = WINDOW_FROM; id <= KILL_AT; id++) {
            expectedAgain.add(id);
        }
        assertEquals(expectedFirst, firstCompleted, "the first run completed 1.." + (KILL_AT - 1) + " in order, once");
        assertEquals(ts(KILL_AT - 1) + "|" + (KILL_AT - 1), watermarkAfterKill, "the killed item was not committed");
        assertEquals(ITEMS, all.size(), "every item delivered at least once, none skipped");
        assertEquals(ts(WINDOW_FROM), T0.plusSeconds(45 - 6).format(TS), "the window: 6 s before the watermark's second");
        assertEquals(expectedSecond, secondStarted, "the restart delivers the look-back window, then from the uncommitted"
                                                    + " item on, each once");
        assertEquals(expectedAgain, redelivered, "only the window and the uncommitted item are delivered twice");
        assertEquals(Collections.emptyList(), secondStarted.stream().filter(id -> id < WINDOW_FROM).toList());
    }
}
