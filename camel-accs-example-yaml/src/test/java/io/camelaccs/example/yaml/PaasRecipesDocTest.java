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

import io.camelaccs.rest.AccsBulkException;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

/**
 * The other "PaaS in tests" snippets of docs/testing-your-routes.md, as written there, and the check that the page
 * shows them and {@link PaasProductRouteTest} as they are.
 */
class PaasRecipesDocTest {

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
        String recipe = Files.readString(Path.of("src", "test", "java", "io", "camelaccs", "example", "yaml",
                "PaasProductRouteTest.java"));
        recipe = recipe.substring(recipe.indexOf("@AccsSimulatorTest(paas = true)")).stripTrailing();
        assertTrue(page.contains(recipe), "docs/testing-your-routes.md shows\n" + recipe);

        String source = Files.readString(Path.of("src", "test", "java", "io", "camelaccs", "example", "yaml",
                "PaasRecipesDocTest.java"));
        int shown = 0;
        for (String snippet : source.substring(source.indexOf("    // docs/testing-your-routes.md"),
                source.indexOf("    // end of the snippets")).split("    // docs/testing-your-routes.md[^\n]*\n")) {
            if (snippet.isBlank()) {
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
