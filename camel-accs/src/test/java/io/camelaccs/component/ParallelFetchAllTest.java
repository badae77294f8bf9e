package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fetchAll with parallelism: id ranges walked side by side on the simulator, under change, with latency, failing
 * and stopped early.
 */
@AccsSimulatorTest(products = 1000, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class ParallelFetchAllTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private ProducerTemplate start(AccsSimulator sim, String endpoint, boolean stopOnException,
                                   org.apache.camel.Processor each) throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (stopOnException) {
                    from("direct:export").to(endpoint).split(body()).streaming().stopOnException().process(each).end();
                } else {
                    from("direct:export").to(endpoint).split(body()).streaming().process(each).end();
                }
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    private static String sku(Object product) {
        return (String) ((Map<?, ?>) product).get("sku");
    }

    @Test
    void productsUpdatedInsertedAndDeletedDuringTheWalkEachComeOnce(AccsSimulator sim) throws Exception {
        List<String> originals = new ArrayList<>(sim.products().skus());
        List<String> deleted = originals.subList(900, 950);
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?pageSize=50&fetchAll=true&parallelism=4", false,
                e -> {
                    exported.add(sku(e.getMessage().getBody()));
                    if (exported.size() == 120) {
                        for (int i = 0; i < 50; i++) {
                            sim.products().update(originals.get(i * 19), p -> p.put("name", "Renamed & 100% \"new\" ✓"));
                            sim.products().delete(deleted.get(i));
                            sim.products().upsert(new ObjectMapper().readTree(
                                    String.format("{\"sku\":\"new-%02d\",\"name\":\"New %d\"}", i, i)));
                        }
                    }
                });
        sim.resetCounters();

        template.sendBody("direct:export", null);

        Set<String> unique = new HashSet<>(exported);
        assertEquals(exported.size(), unique.size(), "nothing delivered twice");
        Set<String> stayed = new HashSet<>(originals);
        deleted.forEach(stayed::remove);
        assertTrue(unique.containsAll(stayed), "every product present for the whole walk is delivered");
        assertTrue(unique.stream().allMatch(s -> originals.contains(s) || s.startsWith("new-")), "nothing unknown");
        RecordedRequest first = sim.requestLog().stream().filter(r -> r.path().equals("/V1/products")).findFirst()
                .orElseThrow();
        assertEquals(List.of("1"), first.queryParameters().get("searchCriteria[pageSize]"), "a boundary query first");
        assertEquals(List.of("ASC"), first.queryParameters().get("searchCriteria[sortOrders][0][direction]"));
        assertTrue(sim.requestLog().stream().anyMatch(r -> r.queryParameters().containsValue(List.of("lt"))),
                "ranges bounded by id");
    }

    @Test
    void atMostParallelismPageRequestsAreInFlight(AccsSimulator sim) throws Exception {
        Duration latency = Duration.ofMillis(100);
        sim.faults().commerceLatency(latency);
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?pageSize=50&fetchAll=true&parallelism=4", false,
                e -> exported.add(sku(e.getMessage().getBody())));
        sim.resetCounters();

        template.sendBody("direct:export", null);

        assertEquals(1000, new HashSet<>(exported).size());
        assertEquals(1000, exported.size());
        // each walk sends its next page only once the previous answer came, at least the latency later: the
        // requests that arrived within less than the latency of each other were in flight together
        List<Instant> arrivals = sim.requestLog().stream().filter(r -> r.path().equals("/V1/products"))
                .map(RecordedRequest::time).sorted().toList();
        Duration window = latency.minusMillis(10);
        int most = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            int together = 0;
            for (int j = i; j < arrivals.size() && Duration.between(arrivals.get(i), arrivals.get(j)).compareTo(window) < 0;
                 j++) {
                together++;
            }
            most = Math.max(most, together);
        }
        assertTrue(most >= 2 && most <= 4, "requests in flight together: " + most + " " + arrivals);
    }

    @Test
    void aFailedPageOfOneRangeFailsTheExchange(AccsSimulator sim) throws Exception {
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?pageSize=50&fetchAll=true&parallelism=4", false,
                e -> {
                    if (exported.isEmpty()) {
                        sim.faults().serverError(1, 400, null, "GET", "/V1/products");
                    }
                    exported.add(sku(e.getMessage().getBody()));
                });

        CamelExecutionException failed = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("direct:export", null));

        assertTrue(String.valueOf(failed.getCause()).contains("400"), String.valueOf(failed.getCause()));
        assertTrue(exported.size() < 1000, "the export did not complete: " + exported.size());
    }

    @Test
    void aSplitStoppingEarlyLeavesNoRunningFetches(AccsSimulator sim) throws Exception {
        sim.faults().commerceLatency(Duration.ofMillis(20));
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?pageSize=50&fetchAll=true&parallelism=4", true,
                e -> {
                    exported.add(sku(e.getMessage().getBody()));
                    if (exported.size() == 10) {
                        throw new IllegalStateException("the warehouse is full");
                    }
                });
        sim.resetCounters();

        assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:export", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().values().stream()
                .noneMatch(stack -> List.of(stack).stream()
                        .anyMatch(f -> f.getClassName().equals(ParallelPages.class.getName()))));
        long sent = sim.requests("GET", "/V1/products");
        // four boundary queries (the lowest id, three quantiles), then at most a page in hand, one queued and one in
        // flight per range
        assertTrue(sent <= 4 + 4 * 3, "searches sent: " + sent);
        assertEquals(10, exported.size());
    }

    @Test
    void aSequentialSplitStoppingEarlyFetchesNoFurtherPage(AccsSimulator sim) throws Exception {
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?pageSize=50&fetchAll=true", true, e -> {
            exported.add(sku(e.getMessage().getBody()));
            if (exported.size() == 10) {
                throw new IllegalStateException("the warehouse is full");
            }
        });
        sim.resetCounters();

        assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:export", null));

        // the splitter walks what is left of a failed split's body before letting go: 20 pages without the check
        assertEquals(1, sim.requests("GET", "/V1/products"), "searches sent");
        assertEquals(10, exported.size());
    }

    @Test
    void parallelismWithoutAKeysetFailsAtEndpointCreation(AccsSimulator sim) throws Exception {
        start(sim, "accs:get:/V1/products?fetchAll=true", false, e -> {
        });
        String twoFields = message(assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(
                "accs:get:/V1/products?fetchAll=true&parallelism=4&sortOrders=name asc, price desc")));
        assertTrue(twoFields.contains("parallelism=4") && twoFields.contains("more than one field"), twoFields);
        String unknownId = message(assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(
                "accs:get:/V1/cmsPage/search?fetchAll=true&parallelism=2")));
        assertTrue(unknownId.contains("parallelism=2") && unknownId.contains("idField"), unknownId);
        String zero = message(assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("accs:get:/V1/products?fetchAll=true&parallelism=0")));
        assertTrue(zero.contains("parallelism must be at least 1"), zero);
    }

    private static String message(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
