package io.camelaccs.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fetchAll while the data changes under the walk, on the simulator's search semantics: an item that matches the filter
 * for the whole walk is delivered exactly once, whatever leaves the filter or arrives meanwhile.
 */
@AccsSimulatorTest(orders = 1200, products = 300, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class StableFetchAllTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** Two fields of a product, as a route author binds them with outputClass. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProductName(String sku, String name) {
    }

    private ProducerTemplate start(AccsSimulator sim, String endpoint, org.apache.camel.Processor each) throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").to(endpoint).split(body()).streaming().process(each).end();
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    private static long entityId(Object order) {
        return ((Number) ((Map<?, ?>) order).get("entity_id")).longValue();
    }

    @Test
    void ordersThatLeaveTheFilterMidWalkDoNotMakeOthersSkip(AccsSimulator sim) throws Exception {
        List<Long> pending = new ArrayList<>();
        for (long id = 1; id <= 1200; id++) {
            String status = id % 6 == 0 ? "complete" : "pending";
            sim.orders().setStatus(id, status);
            if (status.equals("pending")) {
                pending.add(id);
            }
        }
        assertEquals(1000, pending.size());
        List<Long> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/orders?filter=status eq 'pending'&pageSize=100&fetchAll=true",
                e -> {
                    exported.add(entityId(e.getMessage().getBody()));
                    if (exported.size() == 100) {
                        // the first 100 exported are processed meanwhile: they leave the filter
                        for (long id : exported) {
                            sim.orders().setStatus(id, "processing");
                        }
                    }
                });
        sim.resetCounters();

        template.sendBody("direct:export", null);

        Set<Long> unique = new HashSet<>(exported);
        assertEquals(exported.size(), unique.size(), "nothing delivered twice");
        assertEquals(new HashSet<>(pending), unique, "the 900 still pending, and the first 100, each once");
        assertEquals(1000, exported.size());
        assertTrue(sim.requests("GET", "/V1/orders") <= 11, "one search per page: " + sim.requests("GET", "/V1/orders"));
        RecordedRequest second = sim.requestLog().stream().filter(r -> r.path().endsWith("/V1/orders")).skip(1)
                .findFirst().orElseThrow();
        Map<String, List<String>> q = second.queryParameters();
        assertEquals(List.of("entity_id"), q.get("searchCriteria[filter_groups][1][filters][0][field]"), q.toString());
        assertEquals(List.of("gt"), q.get("searchCriteria[filter_groups][1][filters][0][condition_type]"));
        assertEquals(List.of("1"), q.get("searchCriteria[currentPage]"), "always page 1");
    }

    @Test
    void productsInsertedBeforeAndAfterTheKeysetPositionShiftNothing(AccsSimulator sim) throws Exception {
        List<String> originals = new ArrayList<>(sim.products().skus());
        List<String> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/products?sortOrders=sku asc&pageSize=50&fetchAll=true"
                                               + "&outputClass=" + ProductName.class.getName(),
                e -> {
                    ProductName p = e.getMessage().getBody(ProductName.class);
                    exported.add(p.sku());
                    if (exported.size() == 50) {
                        for (int i = 0; i < 60; i++) {
                            // sorts before every SKU already walked, and after every one
                            sim.products().upsert(json("{\"sku\":\"000-new-%02d\",\"name\":\"New %d\"}", i, i));
                            sim.products().upsert(json("{\"sku\":\"zzz-new-%02d\",\"name\":\"New %d\"}", i, i));
                        }
                    }
                });

        template.sendBody("direct:export", null);

        Set<String> unique = new HashSet<>(exported);
        assertEquals(exported.size(), unique.size(), "nothing delivered twice: " + duplicates(exported));
        assertTrue(unique.containsAll(originals), "every product present for the whole walk is delivered");
        assertFalse(unique.stream().anyMatch(s -> s.startsWith("000-new")), "those behind the position are not");
        assertEquals(60, unique.stream().filter(s -> s.startsWith("zzz-new")).count(), "those ahead of it are");
        assertEquals(originals.size() + 60, exported.size());
    }

    @Test
    void aSortOnTwoFieldsPagesByNumberWithTheIdAsTieBreaker(AccsSimulator sim) throws Exception {
        List<Long> exported = new CopyOnWriteArrayList<>();
        ProducerTemplate template = start(sim, "accs:get:/V1/orders?sortOrders=status asc, created_at desc"
                                               + "&pageSize=100&fetchAll=true",
                e -> exported.add(entityId(e.getMessage().getBody())));
        sim.resetCounters();

        template.sendBody("direct:export", null);

        assertEquals(1200, new HashSet<>(exported).size());
        assertEquals(1200, exported.size());
        RecordedRequest last = sim.lastRequest("GET", "/V1/orders");
        Map<String, List<String>> q = last.queryParameters();
        assertEquals(List.of("12"), q.get("searchCriteria[currentPage]"), "offset paging: " + q);
        assertEquals(List.of("entity_id"), q.get("searchCriteria[sortOrders][2][field]"), "the id breaks ties: " + q);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String format, Object... args) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.format(format, args));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> duplicates(List<String> items) {
        List<String> dup = new ArrayList<>();
        for (String s : new HashSet<>(items)) {
            if (Collections.frequency(items, s) > 1) {
                dup.add(s);
            }
        }
        return dup;
    }
}
