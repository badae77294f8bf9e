package io.camelaccs.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.test.WebhookPublisher.Forgery;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events recipes of docs/testing-your-routes.md, as written there: {@link #thePageShowsTheseTests} fails when
 * the page's snippets and these tests differ.
 */
@AccsSimulatorTest(products = 20, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class TestKitEventsRecipeTest {

    // docs/testing-your-routes.md, "Events and webhooks": journal
    @Test
    void aProductSavedInTheSimulatorReachesTheJournalRoute(AccsSimulator sim) throws Exception {
        sim.events().retryAfterSeconds(1);   // caught up, the consumer asks again after 1 s (I/O Events says 10)
        List<String> seen = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            PropertyBindingSupport.bindProperties(context, accs, new HashMap<>(sim.componentProperties()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-events:journal?journalUrl=" + sim.journalUrl() + "&initialDelay=0&delay=50")
                            .process(e -> seen.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_TYPE, String.class)));
                }
            });
            context.start();

            // a save through the Java API (or the REST API) is a Commerce event in the journal
            sim.products().update("24-MB01", p -> p.put("name", "Joust Duffle Bag II"));

            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertEquals("com.adobe.commerce.observer.catalog_product_save_commit_after", seen.get(0));
            assertEquals(1, sim.events().size());
        }
    }

    // docs/testing-your-routes.md, "Events and webhooks": webhook
    @Test
    void aSignedDeliveryIsRoutedAndAForgedOneRefused(AccsSimulator sim) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        List<String> routed = new CopyOnWriteArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
            server.setBindPort(port);
            context.addService(new VertxPlatformHttpServer(server));   // or your runtime's platform-http
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            PropertyBindingSupport.bindProperties(context, accs, new HashMap<>(sim.componentProperties()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-events:webhook:/hooks/commerce?publicKeyBaseUrl=" + sim.publicKeyBaseUrl())
                            .process(e -> routed.add(e.getMessage().getHeader(AccsEventsConstants.EVENT_ID, String.class)));
                }
            });
            context.start();
            String url = "http://127.0.0.1:" + port + "/hooks/commerce";

            sim.products().update("24-MB01", p -> p.put("name", "Joust Duffle Bag II"));
            ObjectNode event = sim.events().entries().get(0).event();
            assertEquals(List.of(200), sim.webhooks().deliver(url, event).statuses());
            assertEquals(List.of(401), sim.webhooks().deliverForged(url, event,
                    Forgery.BAD_SIGNATURE).statuses());

            assertEquals(List.of(event.get("event_id").asText()), routed);
            // or: every event appended from now on, pushed as Adobe pushes them
            sim.webhooks().subscribe(url);
        }
    }
    // end of the snippets

    @Test
    void thePageShowsTheseTests() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "testing-your-routes.md"));
        String source = Files.readString(Path.of("src", "test", "java", "io", "camelaccs", "events",
                "TestKitEventsRecipeTest.java"));
        for (String snippet : source.substring(source.indexOf("    // docs/testing-your-routes.md"),
                source.indexOf("    // end of the snippets")).split("    // docs/testing-your-routes.md[^\n]*\n")) {
            if (snippet.isBlank()) {
                continue;
            }
            String body = snippet.substring(snippet.indexOf("    @Test\n") + "    @Test\n".length()).stripTrailing();
            body = body.lines().map(l -> l.length() >= 4 ? l.substring(4) : l).reduce((a, b) -> a + "\n" + b)
                    .orElse("");
            assertTrue(page.contains(body), "docs/testing-your-routes.md shows\n" + body);
        }
    }
}
