package io.camelaccs.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's meters on a Micrometer registry the application put in the Camel registry, after real calls against
 * the test kit's simulator: a producer meeting a 429, an incremental consumer, an events journal consumer.
 */
class MicrometerMetersTest {

    private AccsSimulator sim;
    private CamelContext context;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void simulator() {
        sim = AccsSimulator.builder().products(20).orders(30).build().start();
        sim.events().retryAfterSeconds(1);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        sim.close();
    }

    private void start(RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("shop");
        // any name: found by its type, as Spring Boot's actuator registry is
        context.getRegistry().bind("appMeters", registry);
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        accs.getConfiguration().setRetryDelay(10);
        context.addComponent("accs", accs);
        context.addRoutes(routes);
        context.start();
    }

    @Test
    void requestsAreTimedByMethodResourceTemplateAndStatusWithRetriesAnd429sAndTokens() throws Exception {
        String sku = sim.products().skus().get(3);
        sim.faults().throttle(1, 0, "GET", "/V1/products/");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").routeId("get").to("accs:get:/V1/products/{sku}");
            }
        });

        context.createProducerTemplate().requestBodyAndHeader("direct:get", null, "sku", sku);

        assertEquals(1, timerCount("GET", "/V1/products/{sku}", "429"));
        assertEquals(1, timerCount("GET", "/V1/products/{sku}", "200"));
        assertEquals(1.0, counter(MeterNames.RETRIES));
        assertEquals(1.0, counter(MeterNames.RATE_LIMITED));
        assertEquals(1.0, counter(MeterNames.TOKEN_FETCHES));
        assertEquals(0.0, counter(MeterNames.TOKEN_FAILURES));
        assertEquals(0.0, counter(MeterNames.FAILURES));
        Meter timer = registry.find(MeterNames.REQUESTS).meters().iterator().next();
        assertEquals("shop", timer.getId().getTag("camelContext"));
        assertEquals("accs", timer.getId().getTag("component"));
        assertNoTagHolds(sku, sim.clientId(), sim.clientSecret());
    }

    @Test
    void incrementalConsumerCountsItemsAndShowsItsLag() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/orders?incrementalField=updated_at&pageSize=7&delay=20&initialDelay=0&syncId=orders")
                        .routeId("orders").log("${body[entity_id]}");
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> meterValue(MeterNames.CONSUMER_ITEMS) == 30.0);
        Meter lag = registry.find(MeterNames.CONSUMER_LAG).tag("routeId", "orders").tag("resource", "/V1/orders")
                .meter();
        assertNotNull(lag);
        assertTrue(lag.measure().iterator().next().getValue() >= 0);
        assertTrue(timerCount("GET", "/V1/orders", "200") >= 5, "one search per page of 7, 30 orders");
        assertNoTagHolds(sim.clientId(), sim.clientSecret());

        context.getRouteController().stopRoute("orders");
        assertNull(registry.find(MeterNames.CONSUMER_ITEMS).meter(), "a stopped consumer's meters are removed");
    }

    @Test
    void journalConsumerCountsDeliveredEventsAndShowsItsLag() throws Exception {
        sim.events().publishSynthetic(5);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:journal?journalUrl=" + sim.journalUrl() + "&initialDelay=0&delay=20")
                        .routeId("mirror").log("${header.CamelAccsEventsId}");
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> meterValue(MeterNames.EVENTS_DELIVERED) == 5.0);
        assertEquals(5.0, meterValue(MeterNames.EVENTS_RECEIVED));
        Meter lag = registry.find(MeterNames.EVENTS_JOURNAL_LAG).tag("routeId", "mirror").tag("kind", "journal")
                .meter();
        assertNotNull(lag);
        assertTrue(lag.measure().iterator().next().getValue() >= 0);
        assertNoTagHolds(sim.clientId(), sim.clientSecret());
    }

    @Test
    void noRegistryNoMetersAndTheComponentStillWorks() throws Exception {
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        context.start();

        Object product = context.createProducerTemplate().requestBodyAndHeader("accs:get:/V1/products/{sku}", null,
                "sku", sim.products().skus().get(0));

        assertNotNull(product);
        assertFalse(MeterLookup.find(context).isEnabled());
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    void theComponentsMetersLeaveTheRegistryWhenItStops() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to("accs:get:/V1/products/{sku}");
            }
        });
        context.createProducerTemplate().requestBodyAndHeader("direct:get", null, "sku", sim.products().skus().get(0));
        assertNotNull(registry.find(MeterNames.RETRIES).meter());

        context.stop();

        assertTrue(registry.getMeters().isEmpty(), "left behind: " + registry.getMeters());
    }

    private long timerCount(String method, String resource, String status) {
        var timer = registry.find(MeterNames.REQUESTS).tag("method", method).tag("resource", resource)
                .tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name) {
        var counter = registry.find(name).functionCounter();
        assertNotNull(counter, name + " is registered");
        return counter.count();
    }

    private double meterValue(String name) {
        Meter meter = registry.find(name).meter();
        return meter == null ? -1 : meter.measure().iterator().next().getValue();
    }

    private void assertNoTagHolds(String... values) {
        for (Meter meter : registry.getMeters()) {
            List<Tag> tags = meter.getId().getTags();
            for (Tag tag : tags) {
                for (String value : values) {
                    assertFalse(tag.getValue().contains(value), meter.getId() + " shows " + value);
                }
            }
        }
    }
}
