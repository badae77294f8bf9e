package io.camelaccs.kamelet;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsEndpoint;
import io.camelaccs.events.AccsEventsEndpoint;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kamelets' endpoints as their properties make them: an unset optional property leaves no trace in the endpoint
 * URI (no {@code RAW({{?filter}})}, no literal placeholder as a client id), the position properties reach the
 * consumers, and a source's position survives a restart on a FileStateRepository.
 */
class KameletPropertiesTest {

    @TempDir
    Path dir;

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

    /** A context whose accs component points at the simulator, with these beans and routes. */
    private CamelContext start(Map<String, Object> beans, RouteBuilder routes) throws Exception {
        context = new DefaultCamelContext();
        beans.forEach((k, v) -> context.getRegistry().bind(k, v));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setBaseUrl(sim.baseUrl());
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        accs.getConfiguration().setOrgId(sim.orgId());
        context.addRoutes(routes);
        context.start();
        return context;
    }

    private List<Endpoint> accsEndpoints() {
        return context.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith("accs")).toList();
    }

    @Test
    void unsetOptionalPropertiesLeaveNoTraceInTheEndpointUris() throws Exception {
        start(Map.of(), new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-source?path=/V1/orders&delay=600000").routeId("source").to("log:orders");
                from("direct:sink").to("kamelet:accs-sink?path=/V1/products/{sku}");
                from("direct:action").to("kamelet:accs-action?path=/V1/products/{sku}");
                from("kamelet:accs-events-source?journalUrl=" + sim.journalUrl() + "&delay=600000").routeId("events")
                        .to("log:events");
            }
        });

        List<String> uris = accsEndpoints().stream().map(Endpoint::getEndpointUri).sorted().toList();
        assertEquals(4, uris.size(), uris.toString());
        for (String uri : uris) {
            assertFalse(uri.contains("{{") || uri.contains("%7B%7B?") || uri.contains("RAW("), uri);
        }
        assertEquals("accs://put:/V1/products/%7Bsku%7D", uris.stream().filter(u -> u.startsWith("accs://put"))
                .findFirst().orElseThrow());
        // the component's credentials apply, not a literal "{{?clientId}}" that IMS would refuse
        String product = context.createProducerTemplate().requestBodyAndHeader("direct:action", null, "sku", "24-MB01",
                String.class);
        assertTrue(product.contains("Joust Duffle Bag"), product);
    }

    @Test
    void positionAndSinkPropertiesReachTheEndpoints() throws Exception {
        FileStateRepository positions = FileStateRepository.fileStateRepository(dir.resolve("positions").toFile());
        start(Map.of("positions", positions), new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-source?path=/V1/orders&delay=600000&stateRepository=positions&syncId=orders"
                     + "&since=RAW(2026-01-01 00:00:00)").routeId("source").to("log:orders");
                from("kamelet:accs-events-source?journalUrl=" + sim.journalUrl()
                     + "&delay=600000&stateRepository=positions&syncId=commerce-events").routeId("events")
                        .to("log:events");
                from("direct:sink").to("kamelet:accs-sink?path=/V1/products&method=post&mode=async&storeCode=fr"
                                       + "&waitForCompletion=true");
            }
        });

        AccsEndpoint source = (AccsEndpoint) accsEndpoints().stream()
                .filter(e -> e.getEndpointUri().startsWith("accs://get:/V1/orders")).findFirst().orElseThrow();
        assertSame(positions, source.getConfiguration().getStateRepository());
        assertEquals("orders", source.getConfiguration().getSyncId());
        assertEquals("2026-01-01 00:00:00", source.getConfiguration().getSince());
        AccsEventsEndpoint events = (AccsEventsEndpoint) accsEndpoints().stream()
                .filter(e -> e.getEndpointUri().startsWith("accs-events")).findFirst().orElseThrow();
        assertSame(positions, events.getConfiguration().getStateRepository());
        assertEquals("commerce-events", events.getConfiguration().getSyncId());
        AccsEndpoint sink = (AccsEndpoint) accsEndpoints().stream()
                .filter(e -> e.getEndpointUri().startsWith("accs://post")).findFirst().orElseThrow();
        assertEquals("async", sink.getConfiguration().getMode());
        assertEquals("fr", sink.getConfiguration().getStoreCode());
        assertTrue(sink.getConfiguration().isWaitForCompletion());
    }

    @Test
    void theSourcesPositionSurvivesARestart() throws Exception {
        File file = dir.resolve("positions").toFile();
        List<Object> delivered = new CopyOnWriteArrayList<>();
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:accs-source?path=/V1/orders&delay=20&stateRepository=positions&syncId=orders")
                        .routeId("orders").process(e -> delivered.add(e.getMessage().getBody(String.class)));
            }
        };
        start(Map.of("positions", FileStateRepository.fileStateRepository(file)), routes);
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 12);
        context.stop();

        // a new pod, the same volume: the sync resumes from its watermark (with its look-back overlap, which may
        // deliver the last few again), not from the beginning, and a change made meanwhile is delivered
        sim.orders().setStatus(3, "complete");
        delivered.clear();
        long searches = sim.requests("GET", "/V1/orders");
        start(Map.of("positions", FileStateRepository.fileStateRepository(file)), routes);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.requests("GET", "/V1/orders") > searches + 3);

        assertTrue(delivered.stream().anyMatch(o -> o.toString().contains("\"entity_id\":3,")), delivered.toString());
        assertFalse(delivered.stream().anyMatch(o -> o.toString().contains("\"entity_id\":1,")),
                "order 1, long before the watermark, is not delivered again: " + delivered.size());
        assertTrue(delivered.size() < 12, "not the whole sync again: " + delivered.size());
    }
}
