package io.camelaccs.component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parallel fetchAll owns its threads: a bounded pool named AccsFetchAll, sized by the thread pool profile
 * {@code accsFetchAll} when the context has one, and walks that end with their exchange whatever happens between the
 * accs call and the split.
 */
@AccsSimulatorTest(products = 400, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class FetchAllThreadsTest {

    private static final String EXPORT = "accs:get:/V1/products?pageSize=50&fetchAll=true&parallelism=4";

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(AccsSimulator sim, ThreadPoolProfile profile, RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        if (profile != null) {
            context.getExecutorServiceManager().registerThreadPoolProfile(profile);
        }
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        if (routes != null) {
            context.addRoutes(routes);
        }
        context.start();
    }

    /** Threads running a range walk (or blocked in one). */
    private static long walking() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> List.of(stack).stream()
                        .anyMatch(f -> f.getClassName().startsWith(ParallelPages.class.getName())))
                .count();
    }

    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains(FetchAllThreads.THREAD_NAME)).count();
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void exchangesFailingBetweenTheCallAndTheSplitLeaveNoWalkBehind(AccsSimulator sim) throws Exception {
        start(sim, null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to(EXPORT)
                        .throwException(new IllegalStateException("the export folder is not mounted"))
                        .split(body()).streaming().to("mock:x");
            }
        });

        for (int i = 0; i < 25; i++) {
            Exchange done = context.createProducerTemplate().send("direct:export", e -> { });
            assertTrue(causes(done.getException()).contains("not mounted"), causes(done.getException()));
        }

        // each exchange's walks end when it completes: none is left blocked handing over a page
        await().atMost(Duration.ofSeconds(5)).until(() -> walking() == 0);
        long sent = sim.requests("GET", "/V1/products");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> sim.requests("GET", "/V1/products") == sent);
        assertTrue(poolThreads() <= FetchAllThreads.DEFAULT_EXPORTS * 4, "a bounded pool: " + poolThreads());
    }

    @Test
    void aThreadPoolProfileBoundsTheExportsAtOnceAndARefusalNamesIt(AccsSimulator sim) throws Exception {
        ThreadPoolProfile profile = new ThreadPoolProfile(FetchAllThreads.PROFILE_ID);
        profile.setPoolSize(4);
        profile.setMaxPoolSize(4);
        profile.setMaxQueueSize(0);
        CountDownLatch firstRouted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger exported = new AtomicInteger();
        start(sim, profile, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to(EXPORT).split(body()).streaming().process(e -> {
                    if (exported.incrementAndGet() == 1) {
                        firstRouted.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                });
            }
        });
        CompletableFuture<Exchange> first = context.createProducerTemplate().asyncSend("direct:export", e -> { });
        assertTrue(firstRouted.await(10, TimeUnit.SECONDS));

        // the four threads walk the first export's ranges
        Exchange second = context.createProducerTemplate().send("direct:export", e -> { });
        release.countDown();

        String why = causes(second.getException());
        assertTrue(why.contains("parallelism=4") && why.contains("'accsFetchAll'") && why.contains("maxPoolSize 4"), why);
        Exchange done = first.get(10, TimeUnit.SECONDS);
        assertNull(done.getException());
        assertEquals(400, exported.get());
        assertTrue(poolThreads() <= 4, "threads: " + poolThreads());
    }

    @Test
    void itemsWalkedAfterTheirExchangeCompletedFailAndTheWalksAreGone(AccsSimulator sim) throws Exception {
        start(sim, null, null);

        Iterator<?> items = context.createProducerTemplate().requestBody(EXPORT, null, Iterator.class);

        IllegalStateException late = assertThrows(IllegalStateException.class, items::hasNext);
        assertTrue(late.getMessage().contains("after the exchange that fetched them completed"), late.getMessage());
        await().atMost(Duration.ofSeconds(5)).until(() -> walking() == 0);
    }
}
