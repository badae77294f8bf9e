package io.camelaccs.component;

import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A deploy stopping the application in the middle of an export: the split is waiting for a page that Commerce
 * throttled with {@code Retry-After: 30}. The stop ends the wait at once and the export fails, saying so, rather
 * than holding the shutdown for the pause.
 */
@AccsSimulatorTest(products = 1000, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class ExportStopTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void stoppingTheRouteEndsAnExportWaitingForAThrottledPage(AccsSimulator sim) throws Exception {
        AtomicInteger items = new AtomicInteger();
        context = new DefaultCamelContext();
        // were the stop to wait for the pause, it would take this long: the assertion below would fail first
        context.getShutdownStrategy().setTimeout(40);
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        accs.getConfiguration().setRetryTimeout(120_000);
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").routeId("export")
                        .to("accs:get:/V1/products?pageSize=50&fetchAll=true")
                        .split(body()).streaming()
                        .process(e -> {
                            if (items.incrementAndGet() == 10) {
                                // the next page is throttled: the split waits for it
                                sim.faults().throttle(1, 30);
                            }
                        });
            }
        });
        context.start();
        CompletableFuture<Exchange> export = context.createProducerTemplate().asyncSend("direct:export", e -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> items.get() >= 10 && sim.faults().pendingCommerceFaults() == 0);

        long start = System.nanoTime();
        context.getRouteController().stopRoute("export");
        long stopMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(stopMillis < 10_000, "the route stopped in " + stopMillis + " ms, not after the 30 s pause");
        Exchange done = export.orTimeout(10, TimeUnit.SECONDS).join();
        Throwable e = done.getException();
        while (e != null && !(e instanceof AccsStoppedException)) {
            e = e.getCause();
        }
        if (e == null) {
            fail("the export failed for another reason: " + done.getException());
        }
        assertTrue(e.getMessage().contains("route export is stopping while waiting for a Retry-After of 30000 ms after"
                                           + " HTTP 429"), e.getMessage());
        // the splitter looks one item ahead, so the first page's last item waits with the page after it
        assertTrue(items.get() >= 10 && items.get() <= 50, "no item of the throttled page: " + items.get());
    }
}
