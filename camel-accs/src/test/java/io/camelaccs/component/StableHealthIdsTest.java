package io.camelaccs.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health check ids a probe configuration or an alert can name: after the route ids, the same whatever routes come
 * before; and a consumer's check shows where its sync stands while it is UP, not only after a failure.
 */
class StableHealthIdsTest {

    private AccsSimulator sim;
    private CamelContext context;

    @BeforeEach
    void simulator() {
        sim = AccsSimulator.builder().products(5).orders(12).build().start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        sim.close();
    }

    private Set<String> accsCheckIds(boolean withARouteBefore) throws Exception {
        if (context != null) {
            context.stop();
        }
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (withARouteBefore) {
                    from("direct:first").routeId("first").to("accs:get:/V1/customers/{id}");
                }
                from("direct:product").routeId("product").to("accs:get:/V1/products/{sku}");
                // shares the endpoint above (and its check), and has two of its own
                from("direct:copy").routeId("copy").to("accs:get:/V1/products/{sku}")
                        .to("accs:put:/V1/products/{sku}").to("accs:get:/V1/products/{sku}?storeCode=fr");
                from("accs:get:/V1/orders?incrementalField=updated_at&delay=20&initialDelay=0&syncId=orders")
                        .routeId("orders").log("${body[entity_id]}");
            }
        });
        context.build();
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        context.start();
        List<String> ids = new ArrayList<>();
        HealthCheckHelper.invokeReadiness(context, "full").forEach(r -> {
            String id = r.getCheck().getId();
            // the direct: routes have consumer checks of their own: not ours
            if (id.startsWith("producer:accs") || id.equals("consumer:orders")) {
                ids.add(id);
            }
        });
        assertEquals(new TreeSet<>(ids).size(), ids.size(), "no id twice: " + ids);
        return new TreeSet<>(ids);
    }

    @Test
    void idsAreNamedAfterTheRoutesAndDoNotMoveWhenARouteIsAddedBeforeThem() throws Exception {
        Set<String> alone = accsCheckIds(false);
        assertEquals(Set.of("producer:accs-product", "producer:accs-copy", "producer:accs-copy-2", "consumer:orders"),
                alone);

        Set<String> withAnother = accsCheckIds(true);
        assertEquals(Set.of("producer:accs-first", "producer:accs-product", "producer:accs-copy",
                "producer:accs-copy-2", "consumer:orders"), withAnother);
    }

    @Test
    void theConsumersCheckShowsWhereTheSyncStandsWhileUp() throws Exception {
        accsCheckIds(false);
        HealthCheck check = HealthCheckRegistry.get(context).getCheck("consumer:orders").orElseThrow();

        HealthCheck.Result result = await().atMost(Duration.ofSeconds(10)).until(check::call,
                r -> r.getState() == HealthCheck.State.UP
                     && Long.valueOf(12).equals(r.getDetails().get("accs.items.delivered")));

        assertTrue(result.getDetails().get("accs.watermark").toString().matches("\\d{4}-\\d\\d-\\d\\d .*"),
                result.getDetails().toString());
        assertTrue(result.getDetails().containsKey("accs.last.successful.poll"));
        assertTrue(result.getDetails().containsKey("accs.lag.seconds"));
    }
}
