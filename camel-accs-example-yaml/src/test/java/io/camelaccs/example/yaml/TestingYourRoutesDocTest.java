package io.camelaccs.example.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.apache.camel.main.Main;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

/**
 * Snippets of docs/testing-your-routes.md run as the page writes them, and the check that the page shows them, and
 * {@link ProductRouteTest} and {@link PaasProductRouteTest}, as they are.
 */
class TestingYourRoutesDocTest {

    private static final Path HERE = Path.of("src", "test", "java", "io", "camelaccs", "example", "yaml");

    @Test
    void theCamelMainRecipe() throws Exception {
        assumeTrue(System.getenv("ACCS_BASE_URL") == null, "the environment points at a tenant: not ours to call");
        // docs/testing-your-routes.md, "Camel Main"
        try (AccsSimulator sim = AccsSimulator.builder().build().start()) {
            Main main = new Main();
            main.addInitialProperty("accs.base-url", sim.baseUrl());
            main.addInitialProperty("accs.ims-url", sim.imsUrl());
            main.addInitialProperty("accs.client-id", sim.clientId());
            main.addInitialProperty("accs.client-secret", sim.clientSecret());
            main.start();
            try {
                Object product = main.getCamelTemplate().requestBodyAndHeader("direct:product", null, "sku", "24-WB02");
                assertEquals("Compete Track Tote", ((Map<?, ?>) product).get("name"));
            } finally {
                main.stop();
            }
        }
        // end of the Camel Main snippet
    }

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

        String junit = Files.readString(HERE.resolve("ProductRouteTest.java"));
        junit = junit.substring(junit.indexOf("import static")).stripTrailing();
        assertTrue(page.contains(junit), "docs/testing-your-routes.md, JUnit 5, shows\n" + junit);

        String paas = Files.readString(HERE.resolve("PaasProductRouteTest.java"));
        paas = paas.substring(paas.indexOf("@AccsSimulatorTest(paas = true)")).stripTrailing();
        assertTrue(page.contains(paas), "docs/testing-your-routes.md, PaaS in tests, shows\n" + paas);

        String source = Files.readString(HERE.resolve("TestingYourRoutesDocTest.java"));
        String main = source.substring(source.indexOf("        // docs/testing-your-routes.md, \"Camel Main\"\n"),
                source.indexOf("        // end of the Camel Main snippet"));
        main = main.substring(main.indexOf('\n') + 1).stripTrailing().lines()
                .map(l -> l.length() >= 8 ? l.substring(8) : l).reduce((a, b) -> a + "\n" + b).orElse("");
        assertTrue(page.contains(main), "docs/testing-your-routes.md, Camel Main, shows\n" + main);

        int shown = 0;
        for (String snippet : source.substring(source.indexOf("    // docs/testing-your-routes.md, \"PaaS in tests\""),
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
