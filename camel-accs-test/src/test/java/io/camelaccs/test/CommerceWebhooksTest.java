package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commerce's synchronous webhooks as a user's test meets them: a hook on loopback subscribed to the simulator, and
 * the effect seen through the simulator's REST API (a save refused, a product renamed, a rate replaced).
 */
class CommerceWebhooksTest {

    private static final String SKU = "24-MB01";

    private static AccsSimulator sim;
    private static SimClient client;
    private HookReceiver hook;

    @BeforeAll
    static void start() {
        sim = AccsSimulator.builder().products(10).orders(0).build().start();
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void receiver() throws Exception {
        hook = new HookReceiver();
    }

    @AfterEach
    void cleanUp() {
        hook.close();
        sim.commerceWebhooks().unsubscribeAll();
    }

    @Test
    void aHookExceptionRefusesTheSaveWithItsMessage() throws Exception {
        hook.answering("{\"op\":\"exception\",\"message\":\"Product names may not say 'cheap'.\"}");
        sim.commerceWebhooks().subscribe(CommerceWebhooks.PRODUCT_SAVE_AFTER, hook.url());

        SimClient.Reply reply = client.put("/V1/products/" + SKU,
                Map.of("product", Map.of("sku", SKU, "name", "Cheap Duffle Bag")));

        assertEquals(400, reply.status(), reply.raw().body());
        assertEquals("Product names may not say 'cheap'.", reply.json().get("message").asText());
        assertEquals("Joust Duffle Bag", sim.products().get(SKU).orElseThrow().get("name").asText(), "not saved");
        JsonNode sent = SimClient.JSON.readTree(hook.calls().get(0).body());
        assertEquals("catalog_product_save_after", sent.get("eventName").asText());
        assertEquals("Cheap Duffle Bag", sent.at("/data/product/name").asText(), "the product as it would be saved");
    }

    @Test
    void aReplaceChangesWhatIsSaved() {
        hook.answering("[{\"op\":\"success\"},{\"op\":\"replace\",\"path\":\"data/product/name\","
                       + "\"value\":\"Duffle Bag\"}]");
        sim.commerceWebhooks().subscribe(CommerceWebhooks.PRODUCT_SAVE_AFTER, hook.url());

        SimClient.Reply reply = client.put("/V1/products/" + SKU,
                Map.of("product", Map.of("sku", SKU, "name", "Cheap Duffle Bag", "price", 30)));

        assertEquals(200, reply.status(), reply.raw().body());
        assertEquals("Duffle Bag", reply.json().get("name").asText());
        assertEquals(30, sim.products().get(SKU).orElseThrow().get("price").asInt());
        assertEquals("Duffle Bag", sim.products().get(SKU).orElseThrow().get("name").asText());
    }

    @Test
    void anOptionalHookThatTimesOutLetsTheSaveGoOn() {
        hook.hanging();
        sim.commerceWebhooks().subscribe(hookJson(CommerceWebhooks.PRODUCT_SAVE_AFTER, false, 300, "Try later."));

        SimClient.Reply reply = client.put("/V1/products/24-MB04",
                Map.of("product", Map.of("sku", "24-MB04", "price", 41)));

        assertEquals(200, reply.status(), reply.raw().body());
        assertEquals(41, sim.products().get("24-MB04").orElseThrow().get("price").asInt());
        assertEquals(1, hook.calls().size());
    }

    @Test
    void aRequiredHookThatTimesOutRefusesWithTheFallbackMessage() {
        hook.hanging();
        sim.commerceWebhooks().subscribe(hookJson(CommerceWebhooks.PRODUCT_SAVE_AFTER, true, 300, "Try later."));

        SimClient.Reply reply = client.put("/V1/products/24-WB02",
                Map.of("product", Map.of("sku", "24-WB02", "price", 99)));

        assertEquals(400, reply.status(), reply.raw().body());
        assertEquals("Try later.", reply.json().get("message").asText());
        assertFalse(sim.products().get("24-WB02").orElseThrow().get("price").asInt() == 99, "not saved");
    }

    @Test
    void aCartAddIsRefusedByTheHook() {
        hook.answering("{\"op\":\"exception\",\"message\":\"Only 2 left in stock.\"}");
        sim.commerceWebhooks().subscribe(CommerceWebhooks.CART_PRODUCT_ADD_BEFORE, hook.url());
        String cartId = client.post("/V1/carts", null).raw().body();

        SimClient.Reply refused = client.post("/V1/carts/" + cartId + "/items",
                Map.of("cartItem", Map.of("sku", SKU, "qty", 5, "quote_id", cartId)));

        assertEquals(400, refused.status(), refused.raw().body());
        assertEquals("Only 2 left in stock.", refused.json().get("message").asText());
        assertEquals(0, client.get("/V1/carts/" + cartId).json().get("items").size());
        JsonNode sent = readTree(hook.calls().get(0).body());
        assertEquals(SKU, sent.at("/data/product/sku").asText());
        assertEquals(5, sent.at("/data/info/qty").asInt());
    }

    @Test
    void aShippingRateIsReplacedAndOneAdded() {
        hook.answering("[{\"op\":\"replace\",\"path\":\"result/flatrate_flatrate/amount\",\"value\":6.5},"
                       + "{\"op\":\"add\",\"path\":\"result\",\"value\":{\"carrier_code\":\"erp\",\"method_code\":"
                       + "\"courier\",\"carrier_title\":\"ERP courier\",\"amount\":12}}]");
        String cartId = client.post("/V1/carts", null).raw().body();
        assertEquals(200, client.post("/V1/carts/" + cartId + "/items",
                Map.of("cartItem", Map.of("sku", SKU, "qty", 2, "quote_id", cartId))).status());
        Map<String, Object> address = Map.of("address", Map.of("country_id", "US", "postcode", "10001"));
        assertEquals(10.0, rates(client.post("/V1/carts/" + cartId + "/estimate-shipping-methods", address).json())
                .get("flatrate_flatrate").get("amount").asDouble(), "5 per item without a hook");

        sim.commerceWebhooks().subscribe(CommerceWebhooks.SHIPPING_ESTIMATE, hook.url());
        SimClient.Reply reply = client.post("/V1/carts/" + cartId + "/estimate-shipping-methods", address);

        assertEquals(200, reply.status(), reply.raw().body());
        Map<String, JsonNode> rates = rates(reply.json());
        assertEquals(6.5, rates.get("flatrate_flatrate").get("amount").asDouble());
        assertEquals(15, rates.get("tablerate_bestway").get("amount").asInt());
        assertEquals(12, rates.get("erp_courier").get("amount").asInt());
        JsonNode sent = readTree(hook.calls().get(0).body());
        assertEquals("10001", sent.at("/address/postcode").asText());
        assertEquals(2, sent.get("result").size());
    }

    @Test
    void signaturesVerifyWithTheExposedKeyAndNotWithAnother() throws Exception {
        sim.commerceWebhooks().subscribe(CommerceWebhooks.PRODUCT_SAVE_AFTER, hook.url());
        assertEquals(200, client.put("/V1/products/" + SKU, Map.of("product", Map.of("sku", SKU))).status());

        HookReceiver.Call call = hook.calls().get(0);
        assertNotNull(call.signature());
        byte[] signed = Base64.getEncoder().encodeToString(call.body()).getBytes(StandardCharsets.US_ASCII);
        assertTrue(verify(publicKey(sim.commerceWebhooks().publicKeyPem()), signed, call.signature()));
        assertFalse(verify(publicKey(WebhookKeys.pem(WebhookKeys.generate().getPublic())), signed, call.signature()),
                "another key");
        assertFalse(verify(publicKey(sim.commerceWebhooks().publicKeyPem()), call.body(), call.signature()),
                "the raw body is not what is signed");
    }

    @Test
    void rulesFieldsAndHeadersShapeTheCall() {
        Map<String, Object> webhook = new java.util.LinkedHashMap<>(Map.of("webhook_method",
                CommerceWebhooks.PRODUCT_SAVE_AFTER, "webhook_type", "before", "batch_name", "shop",
                "hook_name", "names", "url", hook.url()));
        webhook.put("rules", List.of(Map.of("field", "data.product.name", "operator", "regex", "value", "/cheap/i")));
        webhook.put("fields", List.of(Map.of("name", "product.name", "source", "data.product.name")));
        webhook.put("headers", List.of(Map.of("name", "x-shared-secret", "value", "s3")));
        assertEquals(200, client.post("/V1/webhooks/subscribe", Map.of("webhook", webhook)).status());

        client.put("/V1/products/" + SKU, Map.of("product", Map.of("sku", SKU, "name", "Duffle")));
        assertEquals(0, hook.calls().size(), "the rule does not hold");
        client.put("/V1/products/" + SKU, Map.of("product", Map.of("sku", SKU, "name", "CHEAP Duffle")));

        assertEquals(1, hook.calls().size());
        assertEquals("{\"product\":{\"name\":\"CHEAP Duffle\"}}", hook.calls().get(0).bodyText());
        assertEquals("s3", hook.calls().get(0).header("x-shared-secret"));
    }

    @Test
    void developerConsoleOauthAddsAnImsBearerTokenOrFailsTheCall() {
        Map<String, Object> webhook = new java.util.LinkedHashMap<>(Map.of("webhook_method",
                CommerceWebhooks.PRODUCT_SAVE_AFTER, "webhook_type", "before", "batch_name", "shop",
                "hook_name", "ims", "url", hook.url(), "fallback_error_message", "No IMS token."));
        webhook.put("developer_console_oauth", Map.of("client_id", sim.clientId(), "client_secret",
                sim.clientSecret(), "org_id", sim.orgId(), "environment", "production"));
        assertEquals(200, client.post("/V1/webhooks/subscribe", Map.of("webhook", webhook)).status());
        assertEquals("******", sim.commerceWebhooks().list().get(0).at("/developer_console_oauth/client_secret")
                .asText(), "the secret is not shown");

        assertEquals(200, client.put("/V1/products/" + SKU, Map.of("product", Map.of("sku", SKU))).status());
        String authorization = hook.calls().get(0).header("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertEquals(sim.orgId(), hook.calls().get(0).header("x-gw-ims-org-id"));
        SimClient withHookToken = new SimClient(sim);
        withHookToken.useToken(authorization.substring("Bearer ".length()));
        assertEquals(200, withHookToken.get("/V1/products/" + SKU).status(), "a token the simulator's IMS issued");

        webhook.put("developer_console_oauth", Map.of("client_id", sim.clientId(), "client_secret", "wrong",
                "org_id", sim.orgId(), "environment", "production"));
        client.post("/V1/webhooks/subscribe", Map.of("webhook", webhook));
        SimClient.Reply refused = client.put("/V1/products/" + SKU, Map.of("product", Map.of("sku", SKU)));
        assertEquals(400, refused.status());
        assertEquals("No IMS token.", refused.json().get("message").asText());
        assertEquals(1, hook.calls().size(), "no call without a token");
    }

    @Test
    void subscribeListUnsubscribeRoundTrip() {
        Map<String, Object> webhook = Map.of("webhook_method", CommerceWebhooks.CART_PRODUCT_ADD_BEFORE,
                "webhook_type", "before", "batch_name", "cart", "hook_name", "stock", "url", hook.url(),
                "timeout", 2000, "required", false, "fallback_error_message", "Stock unknown.");
        assertEquals(200, client.post("/V1/webhooks/subscribe", Map.of("webhook", webhook)).status());

        JsonNode list = client.get("/V1/webhooks/list").json();
        assertEquals(1, list.size());
        assertEquals("stock", list.get(0).get("hook_name").asText());
        assertEquals(2000, list.get(0).get("timeout").asInt());
        assertFalse(list.get(0).get("required").asBoolean());
        assertEquals("Stock unknown.", list.get(0).get("fallback_error_message").asText());

        Map<String, Object> names = Map.of("webhook_method", CommerceWebhooks.CART_PRODUCT_ADD_BEFORE,
                "webhook_type", "before", "batch_name", "cart", "hook_name", "stock");
        assertEquals(200, client.post("/V1/webhooks/unsubscribe", Map.of("webhook", names)).status());
        assertEquals(0, client.get("/V1/webhooks/list").json().size());
        assertEquals(404, client.post("/V1/webhooks/unsubscribe", Map.of("webhook", names)).status());
    }

    @Test
    void aSubscriptionThatCommerceWouldRefuseIsRefused() {
        SimClient.Reply reply = client.post("/V1/webhooks/subscribe", Map.of("webhook", Map.of(
                "webhook_method", "observer.no_such_event", "webhook_type", "before", "batch_name", "b",
                "hook_name", "h", "url", hook.url())));
        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains(CommerceWebhooks.PRODUCT_SAVE_AFTER),
                reply.raw().body());
        reply = client.post("/V1/webhooks/subscribe", Map.of("webhook", Map.of(
                "webhook_method", CommerceWebhooks.PRODUCT_SAVE_AFTER, "webhook_type", "before",
                "batch_name", "b", "hook_name", "bad-name", "url", hook.url())));
        assertEquals(400, reply.status());
        assertEquals(0, sim.commerceWebhooks().list().size());
    }

    @Test
    void supportedListNamesTheMethodsTheSimulatorCalls() {
        List<String> names = new ArrayList<>();
        client.get("/V1/webhooks/supportedList").json().forEach(n -> names.add(n.get("name").asText()));
        assertTrue(names.containsAll(List.of("observer.catalog_product_save_after",
                "observer.checkout_cart_product_add_before", "observer.sales_quote_add_item",
                CommerceWebhooks.SHIPPING_ESTIMATE)), names.toString());
    }

    @Test
    void theWebhookApiWantsTheSameAuthAsTheRest() {
        sim.denyPermission(CommerceWebhookResource.ACL_LIST);
        try {
            assertEquals(401, client.get("/V1/webhooks/list").status());
        } finally {
            sim.allowAllPermissions();
        }
    }

    private JsonNode hookJson(String method, boolean required, int timeout, String fallback) {
        return SimClient.JSON.valueToTree(Map.of("webhook_method", method, "webhook_type", "before",
                "batch_name", "test",
                "hook_name", "h1", "url", hook.url(), "required", required, "timeout", timeout,
                "fallback_error_message", fallback));
    }

    private static Map<String, JsonNode> rates(JsonNode result) {
        Map<String, JsonNode> rates = new java.util.LinkedHashMap<>();
        result.forEach(r -> rates.put(r.get("carrier_code").asText() + "_" + r.get("method_code").asText(), r));
        return rates;
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return SimClient.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verify(PublicKey key, byte[] signed, String signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
