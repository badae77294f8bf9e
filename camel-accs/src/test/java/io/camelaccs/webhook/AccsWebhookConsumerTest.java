package io.camelaccs.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.dsl.endpoint.StaticEndpointBuilders;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commerce's webhook calls as Commerce makes them, on a real platform-http server (Vert.x), signed with a key pair of
 * the test's own as the Commerce Admin's "Regenerate key pair" makes one: what the route answers is what Commerce
 * reads, and what fails a check never reaches the route.
 */
class AccsWebhookConsumerTest {

    static KeyPair commerceKeys;
    static KeyPair forgerKeys;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map<String, Object>> routed = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> routedHeaders = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Map<String, Object>, Object>> answer = new AtomicReference<>(p -> null);
    private final CountDownLatch slowRouteMayFinish = new CountDownLatch(1);
    private final CountDownLatch slowRouteFinished = new CountDownLatch(1);
    private CamelContext context;
    private int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        commerceKeys = generator.generateKeyPair();
        forgerKeys = generator.generateKeyPair();
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                       .encodeToString(keys.getPublic().getEncoded())
               + "\n-----END PUBLIC KEY-----\n";
    }

    @BeforeEach
    void start() throws Exception {
        port = AvailablePortFinder.getNextAvailable();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        context.getRegistry().bind("commerceKey", commerceKeys.getPublic());
        Path keyFile = dir.resolve("commerce.pem");
        Files.writeString(keyFile, pem(commerceKeys));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hooks/product-save?publicKey=#bean:commerceKey&hookName=validate_name"
                     + "&maxBodySize=4096")
                        .routeId("hook")
                        .process(exchange -> {
                            routed.add(exchange.getMessage().getBody(Map.class));
                            routedHeaders.add(Map.copyOf(exchange.getMessage().getHeaders()));
                            Object result = answer.get().apply(exchange.getMessage().getBody(Map.class));
                            if (result != null) {
                                exchange.getMessage().setBody(result);
                            }
                        });
                from("accs-webhook:/hooks/shipping?publicKey=file:" + keyFile + "&replyTimeout=300")
                        .routeId("slow")
                        .process(exchange -> {
                            slowRouteMayFinish.await(10, TimeUnit.SECONDS);
                            exchange.getMessage().setBody(WebhookOperations.replace("result/amount", 6));
                            slowRouteFinished.countDown();
                        });
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        slowRouteMayFinish.countDown();
        context.stop();
    }

    private static String sign(byte[] body, PrivateKey key) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        // what Commerce signs: the Base64 of the raw body, not the body's bytes
        rsa.update(Base64.getEncoder().encode(body));
        return Base64.getEncoder().encodeToString(rsa.sign());
    }

    private HttpResponse<String> call(String path, String body, String signature, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("x-adobe-commerce-webhook-signature", signature);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedCall(String path, String body, String... headers) throws Exception {
        return call(path, body, sign(body.getBytes(StandardCharsets.UTF_8), commerceKeys.getPrivate()), headers);
    }

    private static final String PRODUCT_SAVE = "{\"eventName\":\"observer.catalog_product_save_after\","
                                               + "\"data\":{\"product\":{\"sku\":\"MT-1\",\"name\":\"Men's Tee ü\"}}}";

    private JsonNode answerTo(Object routeAnswer) throws Exception {
        answer.set(p -> routeAnswer);
        HttpResponse<String> response = signedCall("/hooks/product-save", PRODUCT_SAVE);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return json.readTree(response.body());
    }

    private JsonNode tree(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void everyOperationKindTheRouteAnswersIsWhatCommerceReads() throws Exception {
        assertEquals(tree("{\"op\":\"success\"}"), answerTo(null), "a route that sets no body");
        assertEquals(tree("{\"op\":\"success\"}"), answerTo(WebhookOperations.success()));
        assertEquals(tree("{\"op\":\"exception\",\"message\":\"Forbidden word in the name\"}"),
                answerTo(WebhookOperations.exception("Forbidden word in the name")));
        assertEquals(tree("{\"op\":\"add\",\"path\":\"result\",\"value\":{\"carrier_code\":\"erp\",\"amount\":5}}"),
                answerTo(WebhookOperations.add("result", Map.of("carrier_code", "erp", "amount", 5))));
        assertEquals(tree("{\"op\":\"add\",\"path\":\"result\",\"value\":{\"amount\":5},"
                          + "\"instance\":\"Magento\\\\Quote\\\\Api\\\\Data\\\\ShippingMethodInterface\"}"),
                answerTo(WebhookOperations.add("result", Map.of("amount", 5),
                        "Magento\\Quote\\Api\\Data\\ShippingMethodInterface")));
        assertEquals(tree("{\"op\":\"replace\",\"path\":\"result/shipping_methods/flat/amount\",\"value\":6}"),
                answerTo(WebhookOperations.replace("result/shipping_methods/flat/amount", 6)));
        assertEquals(tree("{\"op\":\"replace\",\"path\":\"result/x\",\"value\":{\"a\":1},\"instance\":\"A\\\\B\"}"),
                answerTo(WebhookOperations.replace("result/x", Map.of("a", 1), "A\\B")));
        assertEquals(tree("{\"op\":\"remove\",\"path\":\"result/shipping_methods/flat\"}"),
                answerTo(WebhookOperations.remove("result/shipping_methods/flat")));
        assertEquals(tree("{\"op\":\"replace\",\"path\":\"data/product/name\",\"value\":\"Tee\"}"),
                answerTo(Map.of("op", "replace", "path", "data/product/name", "value", "Tee")), "a Map");
        assertEquals(tree("[{\"op\":\"remove\",\"path\":\"a\"},{\"op\":\"add\",\"path\":\"b\",\"value\":null}]"),
                answerTo(List.of(Map.of("op", "remove", "path", "a"), WebhookOperations.add("b", null))), "a list");
        assertEquals(tree("{\"op\":\"success\"}"), answerTo("{\"op\":\"success\"}"), "JSON text");
    }

    @Test
    void theRouteSeesThePayloadAndWhatHelpsRouting() throws Exception {
        answerTo(null);
        assertEquals(1, routed.size());
        assertEquals("MT-1", ((Map<?, ?>) ((Map<?, ?>) routed.get(0).get("data")).get("product")).get("sku"));
        Map<String, Object> headers = routedHeaders.get(0);
        assertEquals("observer.catalog_product_save_after", headers.get(AccsWebhookConstants.EVENT_NAME));
        assertEquals("observer.catalog_product_save_after", headers.get(AccsWebhookConstants.WEBHOOK_METHOD));
        assertEquals("validate_name", headers.get(AccsWebhookConstants.WEBHOOK_HOOK));
    }

    @Test
    void unsignedForgedAndWronglyKeyedCallsGet401AndNeverReachTheRoute() throws Exception {
        byte[] body = PRODUCT_SAVE.getBytes(StandardCharsets.UTF_8);
        assertEquals(401, call("/hooks/product-save", PRODUCT_SAVE, null).statusCode(), "unsigned");
        assertEquals(401, call("/hooks/product-save", PRODUCT_SAVE, sign(body, forgerKeys.getPrivate())).statusCode(),
                "signed with another key");
        String signature = sign(body, commerceKeys.getPrivate());
        assertEquals(401, call("/hooks/product-save", PRODUCT_SAVE.replace("MT-1", "MT-2"), signature).statusCode(),
                "a signed body altered");
        assertEquals(401, call("/hooks/product-save", PRODUCT_SAVE, "bm90IGEgc2lnbmF0dXJl").statusCode(), "garbage");
        // the body's own bytes signed, as a receiver that misread Adobe's page would expect: not what Commerce signs
        Signature raw = Signature.getInstance("SHA256withRSA");
        raw.initSign(commerceKeys.getPrivate());
        raw.update(body);
        assertEquals(401, call("/hooks/product-save", PRODUCT_SAVE,
                Base64.getEncoder().encodeToString(raw.sign())).statusCode(), "signature over the raw bytes");
        assertTrue(routed.isEmpty(), "routed: " + routed);
    }

    @Test
    void malformedJsonGets400AndAnOversizeBody413() throws Exception {
        assertEquals(400, signedCall("/hooks/product-save", "{\"eventName\":").statusCode());
        assertEquals(400, signedCall("/hooks/product-save", "[1,2]").statusCode(), "not an object");
        String big = "{\"data\":\"" + "x".repeat(5000) + "\"}";
        assertEquals(413, signedCall("/hooks/product-save", big).statusCode());
        assertTrue(routed.isEmpty(), "routed: " + routed);
    }

    @Test
    void anInvalidOperationIsNeverSentTheFallbackIsAndTheMistakeLogged() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            assertEquals(tree("{\"op\":\"exception\",\"message\":\"" + AccsWebhookConfiguration.DEFAULT_FALLBACK_MESSAGE
                              + "\"}"),
                    answerTo(Map.of("op", "replace", "path", "result/amount")), "replace without a value");
            assertTrue(logs.lines().stream().anyMatch(l -> l.level().equals("WARN")
                                                           && l.text().contains("op replace needs a value")),
                    logs.text());
        }
        for (Object invalid : List.of(Map.of("op", "change", "path", "a"), Map.of("op", "remove"),
                Map.of("op", "add", "vlaue", 1, "path", "a"), List.of(), List.of(Map.of("op", "success"), "success"),
                "not json", 42)) {
            assertEquals("exception", answerTo(invalid).get("op").asText(), "for " + invalid);
        }
    }

    @Test
    void anAccsWebhookExceptionsMessageIsAnsweredAnyOtherExceptionOnlyTheFallbackMessage() throws Exception {
        answer.set(p -> {
            throw new AccsWebhookException("The name contains a forbidden word");
        });
        HttpResponse<String> response = signedCall("/hooks/product-save", PRODUCT_SAVE);
        assertEquals(200, response.statusCode());
        assertEquals(tree("{\"op\":\"exception\",\"message\":\"The name contains a forbidden word\"}"),
                tree(response.body()));

        answer.set(p -> {
            throw new IllegalStateException("jdbc:postgresql://erp-db:5432 connection refused");
        });
        response = signedCall("/hooks/product-save", PRODUCT_SAVE);
        assertEquals(200, response.statusCode());
        assertEquals(tree("{\"op\":\"exception\",\"message\":\"" + AccsWebhookConfiguration.DEFAULT_FALLBACK_MESSAGE
                          + "\"}"), tree(response.body()));
        assertFalse(response.body().contains("erp-db"), response.body());
    }

    @Test
    void aLateRouteIsAnsweredTheFallbackWithinReplyTimeoutAndItsLateAnswerLogged() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            long started = System.nanoTime();
            HttpResponse<String> response = signedCall("/hooks/shipping", PRODUCT_SAVE);
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(200, response.statusCode());
            assertEquals("exception", tree(response.body()).get("op").asText(), response.body());
            assertEquals(1, slowRouteFinished.getCount(), "the answer came while the route was still running");
            assertTrue(took < 3000, "answered after " + took + " ms");

            slowRouteMayFinish.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream()
                    .anyMatch(l -> l.level().equals("WARN") && l.text().contains("later than replyTimeout (300 ms)")
                                   && l.text().contains("result/amount")));
        }
    }

    @Test
    void anOptionalHookAnswersSuccessWhenLate() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hooks/optional?publicKey=#bean:commerceKey&replyTimeout=200"
                     + "&fallbackOperation=SUCCESS")
                        .process(exchange -> slowRouteMayFinish.await(10, TimeUnit.SECONDS));
            }
        });
        HttpResponse<String> response = signedCall("/hooks/optional", PRODUCT_SAVE);
        assertEquals(tree("{\"op\":\"success\"}"), tree(response.body()));
    }

    @Test
    void verifySignatureFalseWarnsAtStartAndLetsUnsignedCallsIn() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-webhook:/hooks/open?verifySignature=false")
                            .setBody(exchange -> WebhookOperations.success());
                }
            });
            assertTrue(logs.lines().stream().anyMatch(l -> l.level().equals("WARN")
                                                           && l.text().contains("verifySignature=false")), logs.text());
        }
        assertEquals(200, call("/hooks/open", PRODUCT_SAVE, null).statusCode());
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
               + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void requireImsTokenRefusesCallsWithoutTheTokenOfTheSubscriptionsClient() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hooks/oauth?publicKey=#bean:commerceKey&requireImsToken=true&imsClientId=my-client")
                        .process(exchange -> routedHeaders.add(Map.copyOf(exchange.getMessage().getHeaders())));
            }
        });
        long now = System.currentTimeMillis();
        String mine = jwt("{\"client_id\":\"my-client\",\"created_at\":\"" + now + "\",\"expires_in\":\"86400000\"}");
        String other = jwt("{\"client_id\":\"other\",\"created_at\":\"" + now + "\",\"expires_in\":\"86400000\"}");
        String expired = jwt("{\"client_id\":\"my-client\",\"created_at\":\"" + (now - 90_000_000L)
                             + "\",\"expires_in\":\"86400000\"}");
        assertEquals(401, signedCall("/hooks/oauth", PRODUCT_SAVE).statusCode(), "no token");
        assertEquals(401, signedCall("/hooks/oauth", PRODUCT_SAVE, "Authorization", "Bearer not-a-jwt").statusCode());
        assertEquals(401, signedCall("/hooks/oauth", PRODUCT_SAVE, "Authorization", "Bearer " + other).statusCode());
        assertEquals(401, signedCall("/hooks/oauth", PRODUCT_SAVE, "Authorization", "Bearer " + expired).statusCode());
        assertTrue(routedHeaders.isEmpty());
        assertEquals(200, signedCall("/hooks/oauth", PRODUCT_SAVE, "Authorization", "Bearer " + mine).statusCode());
        assertEquals(1, routedHeaders.size());
        assertNull(routedHeaders.get(0).get("Authorization"), "the token is not handed to the route");
    }

    @Test
    void theEndpointDslBuildsTheSameEndpoint() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(StaticEndpointBuilders.accsWebhook("/hooks/dsl").publicKey(commerceKeys.getPublic())
                        .replyTimeout("2s").fallbackOperation(FallbackOperation.SUCCESS))
                        .setBody(exchange -> WebhookOperations.remove("result/x"));
            }
        });
        assertEquals(tree("{\"op\":\"remove\",\"path\":\"result/x\"}"),
                tree(signedCall("/hooks/dsl", PRODUCT_SAVE).body()));
        assertEquals(401, call("/hooks/dsl", PRODUCT_SAVE, null).statusCode());
    }

    @Test
    void anExceptionHandledByOnExceptionWithoutAnAnswerIsStillARefusal() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).handled(true).log("refused: ${exception.message}");
                from("accs-webhook:/hooks/handled?publicKey=#bean:commerceKey")
                        .process(exchange -> {
                            throw new AccsWebhookException("Out of stock at the warehouse");
                        });
                from("accs-webhook:/hooks/handled-other?publicKey=#bean:commerceKey")
                        .process(exchange -> {
                            throw new IllegalStateException("erp-db down");
                        });
            }
        });
        assertEquals(tree("{\"op\":\"exception\",\"message\":\"Out of stock at the warehouse\"}"),
                tree(signedCall("/hooks/handled", PRODUCT_SAVE).body()));
        assertEquals(tree("{\"op\":\"exception\",\"message\":\"" + AccsWebhookConfiguration.DEFAULT_FALLBACK_MESSAGE
                          + "\"}"), tree(signedCall("/hooks/handled-other", PRODUCT_SAVE).body()));
    }
}
