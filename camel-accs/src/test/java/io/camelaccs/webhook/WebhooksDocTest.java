package io.camelaccs.webhook;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first snippet of docs/webhooks.md, run as it is written (the key given as a property placeholder, as a user
 * gives it), so the page cannot drift: {@link #theSnippetIsTheOneThePageShows} fails when the page's text and this
 * route's differ.
 */
class WebhooksDocTest {

    private static final Path PAGE = Path.of("..", "docs", "webhooks.md");
    private static final Path ADOC = Path.of("src", "main", "docs", "accs-webhook-component.adoc");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "camelaccs", "webhook", "WebhooksDocTest.java");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private KeyPair keys;
    private CamelContext context;
    private int port;

    @BeforeEach
    void start() throws Exception {
        keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getPropertiesComponent().addInitialProperty("commerce.webhook-key",
                AccsWebhookConsumerTest.pem(keys));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:erpRate").setBody(constant(new BigDecimal("6.50")));

                // docs/webhooks.md, "A route"
                from("accs-webhook:/hooks/product-save?publicKey={{commerce.webhook-key}}&hookName=validate_name")
                    .process(exchange -> {
                        Map<?, ?> product = (Map<?, ?>) ((Map<?, ?>) exchange.getMessage().getBody(Map.class).get("data")).get("product");
                        if (String.valueOf(product.get("name")).toLowerCase().contains("free")) {
                            // Commerce refuses the save and shows this message
                            throw new AccsWebhookException("Product names may not contain 'free'");
                        }
                    });                                            // nothing set: {"op":"success"}, the save goes on

                from("accs-webhook:/hooks/shipping-rates?publicKey={{commerce.webhook-key}}&replyTimeout=2s&fallbackOperation=SUCCESS")
                    .to("direct:erpRate")                          // a BigDecimal from the ERP
                    .setBody(exchange -> WebhookOperations.replace("result/shipping_methods/flat/amount",
                                                                   exchange.getMessage().getBody(BigDecimal.class)));
                // end of the snippet
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theSnippetIsTheOneThePageShows() throws Exception {
        String page = Files.readString(PAGE);
        String block = page.substring(page.indexOf("```java\n") + 8, page.indexOf("```", page.indexOf("```java\n") + 8));
        String source = Files.readString(SOURCE);
        String route = source.substring(source.indexOf("// docs/webhooks.md, \"A route\""), source.indexOf("// end of the snippet"));
        assertEquals(normalized(block), normalized(route.substring(route.indexOf('\n') + 1)),
                "docs/webhooks.md's first snippet and the route this test runs must be the same");
        // the Camel catalog page shows the same routes
        String adoc = Files.readString(ADOC);
        int at = adoc.indexOf("[source,java]\n----\n") + 19;
        assertEquals(normalized(block), normalized(adoc.substring(at, adoc.indexOf("----\n", at))),
                "accs-webhook-component.adoc's snippet and docs/webhooks.md's first one must be the same");
    }

    @Test
    void theSubscriptionSnippetMakesTheEndpointItDescribes() throws Exception {
        String page = Files.readString(PAGE);
        int at = page.indexOf("```java\n", page.indexOf("### Subscribing from the route")) + 8;
        String block = page.substring(at, page.indexOf("```", at));
        // docs/webhooks.md, "Subscribing from the route": its from(...) as the page writes it
        String uri = "accs-webhook:/hooks/product-save?publicKey={{commerce.webhook-key}}"
                     + "&subscribe=true&webhookMethod=observer.catalog_product_save_after&webhookType=before"
                     + "&batchName=catalog&hookName=validate_name&externalUrl=https://integration.example.com/hooks/product-save"
                     + "&timeout=5s&replyTimeout=4s&fields=data.product.name,data.product.sku"
                     + "&rules=data.product.name:regex:/free/i";
        assertEquals(uri, block.substring(block.indexOf('"') + 1, block.indexOf("\")\n")).replaceAll("\"\\s*\\+\\s*\"", ""),
                "the snippet's URI and the one this test creates");
        // created (checked as at start-up), not started: starting would subscribe at a Commerce
        AccsWebhookConfiguration conf = context.getEndpoint(uri, AccsWebhookEndpoint.class).getConfiguration();
        assertEquals("observer.catalog_product_save_after", conf.getWebhookMethod());
        assertEquals("https://integration.example.com/hooks/product-save", conf.getExternalUrl());
        assertEquals(5000, conf.getTimeout());
        assertEquals(4000, conf.getReplyTimeout());
        assertEquals("catalog", conf.getBatchName());
        assertEquals("data.product.name:regex:/free/i", conf.getRules());
        // the shape the page's route reads (data.product.name): a field's name is where Commerce puts it
        assertEquals("data.product.name,data.product.sku", conf.getFields());
    }

    @Test
    void aForbiddenNameIsRefusedWithTheRoutesMessageAndAnyOtherGoesOn() throws Exception {
        String refused = call("/hooks/product-save", "{\"eventName\":\"observer.catalog_product_save_after\","
                                                     + "\"data\":{\"product\":{\"sku\":\"F-1\",\"name\":\"Free Tee\"}}}");
        assertEquals(json.readTree("{\"op\":\"exception\",\"message\":\"Product names may not contain 'free'\"}"),
                json.readTree(refused));
        String saved = call("/hooks/product-save", "{\"eventName\":\"observer.catalog_product_save_after\","
                                                   + "\"data\":{\"product\":{\"sku\":\"T-1\",\"name\":\"Men's Tee\"}}}");
        assertEquals(json.readTree("{\"op\":\"success\"}"), json.readTree(saved));
    }

    /** docs/webhooks.md, "Testing": a request signed by hand with a key pair of the test's own, as the page writes it. */
    @Test
    void aRequestSignedByHandAsThePageShowsReachesTheRoute() throws Exception {
        byte[] body = "{\"eventName\":\"observer.catalog_product_save_after\",\"data\":{\"product\":{\"name\":\"Tee\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/by-hand"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));

        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        context.getRegistry().bind("commerceKey", keys.getPublic());     // publicKey=#bean:commerceKey
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(Base64.getEncoder().encode(body));                    // the Base64 of the body, not its bytes
        request.header("x-adobe-commerce-webhook-signature", Base64.getEncoder().encodeToString(rsa.sign()));
        // end of the snippet

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hooks/by-hand?publicKey=#bean:commerceKey")
                        .setBody(constant(WebhookOperations.replace("data/product/name", "Tee (checked)")));
            }
        });
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(json.readTree("{\"op\":\"replace\",\"path\":\"data/product/name\",\"value\":\"Tee (checked)\"}"),
                json.readTree(answer.body()));
    }

    @Test
    void theShippingRateIsReplacedByTheErpsAmount() throws Exception {
        String answer = call("/hooks/shipping-rates", "{\"result\":{\"shipping_methods\":{\"flat\":{\"amount\":5}}}}");
        assertEquals(json.readTree("{\"op\":\"replace\",\"path\":\"result/shipping_methods/flat/amount\","
                                   + "\"value\":6.50}"), json.readTree(answer));
    }

    private String call(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(Base64.getEncoder().encode(bytes));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("x-adobe-commerce-webhook-signature", Base64.getEncoder().encodeToString(rsa.sign()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return response.body();
    }

    /** Lines without their common indentation and trailing blanks. */
    private static String normalized(String text) {
        // blank lines around the text dropped, the first line's indentation kept
        String[] lines = text.replaceFirst("^(\\s*\\n)+", "").stripTrailing().split("\n");
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
