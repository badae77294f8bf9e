package io.camelaccs.example.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.camelaccs.rest.AccsApiException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.CommerceWebhooks;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/webhooks.md's YAML hook, taken from the page as it is written, run by Camel Main on its own platform-http
 * server, and called by the simulator during product saves, as the page's "Testing" recipe (also in this class, and
 * compared with the page) says: a forbidden name is refused with the route's message, another saved.
 */
class WebhooksYamlDocTest {

    private static final Path PAGE = Path.of("..", "docs", "webhooks.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "camelaccs", "example", "yaml",
            "WebhooksYamlDocTest.java");

    @TempDir
    Path dir;
    private AccsSimulator sim;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void thePagesYamlHookRefusesAForbiddenProductNameDuringTheSimulatorsSave() throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```yaml\n", page.indexOf("## YAML DSL")) + 8;
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/hook.camel.yaml"), page.substring(at, page.indexOf("```", at)));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        main = new Main();
        // only the page's route: not this module's own (they poll the catalog)
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + dir.resolve("routes") + "/*.camel.yaml");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", String.valueOf(port));

        // docs/webhooks.md, "Testing"
        AccsSimulator sim = AccsSimulator.builder().products(5).build().start();
        // the route's publicKey={{commerce.webhook-key}}: the simulator's key, as the Admin would show Commerce's
        main.addInitialProperty("commerce.webhook-key", sim.commerceWebhooks().publicKeyPem());
        // as in the Admin (or let the route subscribe itself with subscribe=true)
        sim.commerceWebhooks().subscribe(CommerceWebhooks.PRODUCT_SAVE_AFTER, "http://127.0.0.1:" + port + "/hooks/product-save");
        // end of the snippet
        this.sim = sim;
        main.addInitialProperty("accs.base-url", sim.baseUrl());
        main.addInitialProperty("accs.ims-url", sim.imsUrl());
        main.addInitialProperty("accs.client-id", sim.clientId());
        main.addInitialProperty("accs.client-secret", sim.clientSecret());
        main.start();
        ProducerTemplate template = main.getCamelTemplate();
        String sku = sim.products().skus().get(0);

        CamelExecutionException refused = assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader(
                "accs:put:/V1/products/{sku}", Map.of("product", Map.of("name", "Free Tote")), "sku", sku));
        AccsApiException api = assertInstanceOf(AccsApiException.class, refused.getCause());
        assertEquals(400, api.getStatusCode());
        assertEquals("Product names may not contain 'free'", api.getCommerceMessage());

        Object saved = template.requestBodyAndHeader("accs:put:/V1/products/{sku}",
                Map.of("product", Map.of("name", "Canvas Tote")), "sku", sku);
        assertEquals("Canvas Tote", assertInstanceOf(Map.class, saved).get("name"));
        assertEquals(2, sim.commerceWebhooks().calls(), "Commerce called the hook for both saves");
        assertEquals("Canvas Tote", sim.products().get(sku).orElseThrow().get("name").asText());
    }

    @Test
    void thePagesTestingRecipeIsTheOneThisTestRuns() throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```java\n", page.indexOf("## Testing")) + 8;
        at = page.indexOf("```java\n", at) + 8; // the second block: the first signs a request by hand
        String block = trimmed(page.substring(at, page.indexOf("```", at)));
        String source = Files.readString(SOURCE);
        String recipe = trimmed(source.substring(source.indexOf("// docs/webhooks.md, \"Testing\""),
                source.indexOf("// end of the snippet")));
        assertTrue(block.lines().count() >= 4 && recipe.contains(block),
                "docs/webhooks.md's simulator recipe is not the one this test runs:\n" + block);
    }

    private static String trimmed(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
