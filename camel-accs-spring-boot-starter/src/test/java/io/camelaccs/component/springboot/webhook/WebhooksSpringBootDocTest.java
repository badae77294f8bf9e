package io.camelaccs.component.springboot.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.camelaccs.rest.AccsApiException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.CommerceWebhooks;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/webhooks.md's Spring Boot snippet run as the page writes it: its application.properties lines, read from the
 * page, are the application's settings (COMMERCE_WEBHOOK_KEY being the simulator's key), its RouteBuilder bean is
 * {@link ProductNameCheck} (compared with the page), platform-http runs on Spring's web server, and the simulator
 * calls the hook during its own product saves.
 */
@SpringBootTest(classes = WebhookDocApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhooksSpringBootDocTest {

    private static final Path PAGE = Path.of("..", "docs", "webhooks.md");
    private static final Path ROUTE = Path.of("src", "test", "java", "io", "camelaccs", "component", "springboot",
            "webhook", "ProductNameCheck.java");
    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(5).build().start();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        for (String line : block("```properties\n").lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String value = line.substring(line.indexOf('=') + 1);
                registry.add(line.substring(0, line.indexOf('=')).trim(), () -> value);
            }
        }
        // what the page's ${COMMERCE_WEBHOOK_KEY} finds: the environment in production, the simulator's key here
        registry.add("COMMERCE_WEBHOOK_KEY", () -> SIMULATOR.commerceWebhooks().publicKeyPem());
        registry.add("camel.component.accs.base-url", SIMULATOR::baseUrl);
        registry.add("camel.component.accs.ims-url", SIMULATOR::imsUrl);
        registry.add("camel.component.accs.client-id", SIMULATOR::clientId);
        registry.add("camel.component.accs.client-secret", SIMULATOR::clientSecret);
        registry.add("camel.component.accs.org-id", SIMULATOR::orgId);
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate template;

    @Test
    void theHookRefusesAForbiddenNameDuringCommercesSaveAndLetsAnotherThrough() {
        SIMULATOR.commerceWebhooks().subscribe(CommerceWebhooks.PRODUCT_SAVE_AFTER,
                "http://127.0.0.1:" + port + "/hooks/product-save");
        String sku = SIMULATOR.products().skus().get(0);

        CamelExecutionException refused = assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader(
                "accs:put:/V1/products/{sku}", Map.of("product", Map.of("name", "Free Mug")), "sku", sku));
        AccsApiException api = assertInstanceOf(AccsApiException.class, refused.getCause());
        assertEquals(400, api.getStatusCode());
        assertEquals("Product names may not contain 'free'", api.getCommerceMessage());

        Object saved = template.requestBodyAndHeader("accs:put:/V1/products/{sku}",
                Map.of("product", Map.of("name", "Stoneware Mug")), "sku", sku);
        assertEquals("Stoneware Mug", assertInstanceOf(Map.class, saved).get("name"));
        assertEquals(2, SIMULATOR.commerceWebhooks().calls());
    }

    @Test
    void theRouteBeanIsTheOneThePageShows() throws IOException {
        String page = trimmed(block("```java\n"));
        String source = trimmed(Files.readString(ROUTE));
        assertTrue(page.lines().count() > 10 && source.contains(page),
                "docs/webhooks.md's Spring Boot route is not ProductNameCheck:\n" + page);
    }

    /** The page's first block of this kind after "## Spring Boot". */
    private static String block(String fence) {
        try {
            String text = Files.readString(PAGE);
            int at = text.indexOf(fence, text.indexOf("## Spring Boot")) + fence.length();
            return text.substring(at, text.indexOf("```", at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String trimmed(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
