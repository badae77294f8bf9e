package io.camelaccs.example.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.rest.AccsBulkException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

/**
 * The "PaaS in tests" recipes of docs/testing-your-routes.md, as written there: {@link #thePageShowsTheseTests} fails
 * when the page's snippets and this class differ.
 */
// docs/testing-your-routes.md, "PaaS in tests": the JUnit recipe
@AccsSimulatorTest(paas = true)
class PaasProductRouteTest {

    @Test
    void readsAProductFromThePaasShop(AccsSimulator sim) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // platform=PAAS, baseUrl, authenticationType=INTEGRATION and the integration's four credentials
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            PropertyBindingSupport.bindProperties(context, accs, new HashMap<>(sim.componentProperties()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:product").to("accs:get:/V1/products/{sku}");   // the routes of ACCS, unchanged
                }
            });
            context.start();

            Object product = context.createProducerTemplate()
                    .requestBodyAndHeader("direct:product", null, "sku", "24-MB01");

            assertEquals("Joust Duffle Bag", ((Map<?, ?>) product).get("name"));
            assertEquals(1, sim.requests("GET", "/V1/products/24-MB01"));   // under /rest/default/
            assertEquals(0, sim.paas().refusedSignatures());   // every OAuth 1.0a signature verified
        }
    }
    // end of the class snippet

    // docs/testing-your-routes.md, "PaaS in tests": admin tokens
    @Test
    void readsAProductWithAnAdminToken() throws Exception {
        try (AccsSimulator sim = AccsSimulator.builder().paas().adminTokenLifetime(Duration.ofMinutes(30))
                     .build().start();
             DefaultCamelContext context = new DefaultCamelContext()) {
            Map<String, Object> settings = new HashMap<>();
            settings.put("platform", "PAAS");
            settings.put("baseUrl", sim.baseUrl());
            settings.put("authenticationType", "ADMIN_TOKEN");
            settings.put("adminUsername", sim.paas().adminUsername());
            settings.put("adminPassword", sim.paas().adminPassword());
            settings.put("adminTokenLifetime", "30m");   // as the shop's Admin Token Lifetime
            PropertyBindingSupport.bindProperties(context, context.getComponent("accs"), settings);
            context.start();

            ProducerTemplate template = context.createProducerTemplate();
            template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "24-MB01");
            sim.paas().expireAdminTokens();   // as the shop's cron does: the next call gets a 401, then a new token
            template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "24-MB01");

            assertEquals(2, sim.paas().adminTokensIssued());
        }
    }

    // docs/testing-your-routes.md, "PaaS in tests": the shop's settings
    @Test
    void aBulkNoQueueConsumerRunsForFailsTheRoute() throws Exception {
        try (AccsSimulator sim = AccsSimulator.builder().paas().build().start();
             DefaultCamelContext context = new DefaultCamelContext()) {
            sim.paas().allowIntegrationAsBearer(true);   // the shop allows the access token as a bearer
            sim.bulks().consumersRunning(false);         // neither cron nor queue:consumers:start runs the consumers
            Map<String, Object> settings = new HashMap<>(sim.componentProperties());
            settings.put("integrationAsBearer", "true");
            PropertyBindingSupport.bindProperties(context, context.getComponent("accs"), settings);
            context.start();

            Exchange bulk = context.createProducerTemplate().request(
                    "accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true&completionTimeout=1000",
                    e -> e.getMessage().setBody(List.of(Map.of("product", Map.of("sku", "24-MB01", "price", 30)))));

            AccsBulkException open = assertInstanceOf(AccsBulkException.class, bulk.getException());
            assertTrue(open.getMessage().contains("no queue consumer is processing it"), open.getMessage());
            assertTrue(sim.lastRequest("PUT", "/async/bulk/V1/products/bySku").header("Authorization")
                    .startsWith("Bearer "));
        }
    }
    // end of the snippets

    @Test
    void thePageShowsTheseTests() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "testing-your-routes.md"));
        String source = Files.readString(Path.of("src", "test", "java", "io", "camelaccs", "example", "yaml",
                "PaasProductRouteTest.java"));

        String header = "// docs/testing-your-routes.md, \"PaaS in tests\": the JUnit recipe\n";
        String recipe = source.substring(source.indexOf(header) + header.length(),
                source.indexOf("    // end of the class snippet")).stripTrailing() + "\n}";
        assertTrue(page.contains(recipe), "docs/testing-your-routes.md shows\n" + recipe);

        String methods = source.substring(source.indexOf("    // end of the class snippet"),
                source.indexOf("    // end of the snippets"));
        int shown = 0;
        for (String snippet : methods.split("    // docs/testing-your-routes.md[^\n]*\n")) {
            if (!snippet.contains("    @Test\n")) {
                continue;
            }
            String body = snippet.substring(snippet.indexOf("    @Test\n") + "    @Test\n".length()).stripTrailing();
            body = body.lines().map(l -> l.length() >= 4 ? l.substring(4) : l).reduce((a, b) -> a + "\n" + b)
                    .orElse("");
            assertTrue(page.contains(body), "docs/testing-your-routes.md shows\n" + body);
            shown++;
        }
        assertEquals(2, shown);
    }
}
