package io.camelaccs.webhook;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.CommerceWebhooks;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * subscribe=true as a user meets it: a route that subscribes its own hook on the simulated Commerce when it starts,
 * with the accs component's credentials, and then refuses a product save Commerce makes.
 */
class SubscribeAgainstSimulatorTest {

    private AccsSimulator sim;
    private CamelContext context;
    private int port;

    @BeforeEach
    void startSimulator() {
        sim = AccsSimulator.builder().products(5).orders(0).build().start();
        port = AvailablePortFinder.getNextAvailable();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        sim.close();
    }

    private String hookUri(String extra) {
        return "accs-webhook:/hooks/product-save?publicKey=RAW(" + sim.commerceWebhooks().publicKeyPem() + ")"
               + "&subscribe=true&webhookMethod=" + CommerceWebhooks.PRODUCT_SAVE_AFTER + "&webhookType=before"
               + "&batchName=catalog&hookName=validate_name&externalUrl=http://127.0.0.1:" + port
               + "/hooks/product-save&timeout=3000&replyTimeout=2000&softTimeout=1000&required=true"
               + "&fields=product.name:data.product.name,product.sku:data.product.sku"
               + "&rules=data.product.name:regex:/free/i&fallbackErrorMessage=Name check unavailable" + extra;
    }

    private void startContext(String uri) throws Exception {
        startContext(uri, "accs");
    }

    private void startContext(String uri, String accsName) throws Exception {
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
        server.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(server));
        AccsComponent accs = new AccsComponent();
        context.addComponent(accsName, accs);
        accs.getConfiguration().setBaseUrl(sim.baseUrl());
        accs.getConfiguration().setImsUrl(sim.imsUrl());
        accs.getConfiguration().setClientId(sim.clientId());
        accs.getConfiguration().setClientSecret(sim.clientSecret());
        accs.getConfiguration().setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("hook").process(exchange -> {
                    Map<?, ?> product = (Map<?, ?>) exchange.getMessage().getBody(Map.class).get("product");
                    throw new AccsWebhookException("Product names may not say free: " + product.get("name"));
                });
            }
        });
        context.start();
    }

    private long subscribePosts() {
        return sim.requests("POST", "/V1/webhooks/subscribe");
    }

    @Test
    void routeStartSubscribesItsHookAndItsRefusalStopsTheSave() throws Exception {
        startContext(hookUri(""));

        List<ObjectNode> listed = sim.commerceWebhooks().list();
        assertEquals(1, listed.size(), listed.toString());
        ObjectNode hook = listed.get(0);
        assertEquals(CommerceWebhooks.PRODUCT_SAVE_AFTER, hook.get("webhook_method").asText());
        assertEquals("before", hook.get("webhook_type").asText());
        assertEquals("catalog", hook.get("batch_name").asText());
        assertEquals("validate_name", hook.get("hook_name").asText());
        assertEquals("http://127.0.0.1:" + port + "/hooks/product-save", hook.get("url").asText());
        assertEquals(3000, hook.get("timeout").asInt());
        assertEquals(1000, hook.get("soft_timeout").asInt());
        assertTrue(hook.get("required").asBoolean());
        assertEquals("Name check unavailable", hook.get("fallback_error_message").asText());
        assertEquals("data.product.sku", hook.get("fields").get(1).get("source").asText());
        assertEquals("regex", hook.get("rules").get(0).get("operator").asText());

        String sku = sim.products().skus().get(0);
        Map<String, Object> product = Map.of("product", Map.of("sku", sku, "name", "Free T-shirt"));
        CamelExecutionException refused = assertThrows(CamelExecutionException.class,
                () -> context.createProducerTemplate().requestBody("accs:post:/V1/products", product));
        AccsApiException api = (AccsApiException) refused.getCause();
        assertEquals(400, api.getStatusCode());
        assertEquals("Product names may not say free: Free T-shirt", api.getCommerceMessage());
        assertEquals(1, sim.commerceWebhooks().calls());

        // the rule keeps the hook out of other saves
        context.createProducerTemplate().requestBody("accs:post:/V1/products",
                Map.of("product", Map.of("sku", sku, "name", "Plain T-shirt")));
        assertEquals(1, sim.commerceWebhooks().calls());
    }

    @Test
    void anIdenticalSubscriptionIsLeftAloneAndADifferentOneReplaced() throws Exception {
        startContext(hookUri(""));
        assertEquals(1, subscribePosts());
        context.stop();

        startContext(hookUri(""));
        assertEquals(1, subscribePosts(), "identical settings: no second subscribe");
        context.stop();

        startContext(hookUri("").replace("webhookType=before", "webhookType=after"));
        assertEquals(2, subscribePosts());
        List<ObjectNode> listed = sim.commerceWebhooks().list();
        assertEquals(1, listed.size(), "the before hook was replaced by the after one: " + listed);
        assertEquals("after", listed.get(0).get("webhook_type").asText());
    }

    @Test
    void aSubscriptionChangedInTheAdminIsPutBackOnStart() throws Exception {
        startContext(hookUri(""));
        context.stop();
        // someone raised the timeout and dropped the rules in the Admin
        ObjectNode edited = sim.commerceWebhooks().list().get(0);
        edited.put("timeout", 9000).set("rules", edited.arrayNode());
        sim.commerceWebhooks().subscribe(edited);

        startContext(hookUri(""));

        assertEquals(2, subscribePosts());
        ObjectNode hook = sim.commerceWebhooks().list().get(0);
        assertEquals(3000, hook.get("timeout").asInt());
        assertEquals(1, hook.get("rules").size());
    }

    @Test
    void optionMistakesFailStartUpNamingTheOptionBeforeAnyCall() {
        Map<String, String> mistakes = Map.of(
                hookUri("").replace("webhookType=before", "webhookType=around"), "Option webhookType",
                hookUri("").replace("hookName=validate_name", "hookName=validate-name"), "Option hookName",
                hookUri("").replace("replyTimeout=2000", "replyTimeout=3000"), "Option replyTimeout",
                hookUri("").replace("rules=data.product.name:regex:/free/i", "rules=price"), "Option rules",
                hookUri("").replace("subscribe=true", "subscribe=false") + "&unsubscribeOnStop=true",
                "Option unsubscribeOnStop",
                hookUri("&accsComponent=accsEu"), "Option accsComponent of accs-webhook:/hooks/product-save names"
                                                  + " 'accsEu', which is not a component");
        for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
            Exception failed = assertThrows(Exception.class, () -> startContext(mistake.getKey()));
            assertTrue(rootMessage(failed).startsWith(mistake.getValue()), rootMessage(failed));
            context.stop();
        }
        assertEquals(0, sim.requests("GET", "/V1/webhooks"));
    }

    @Test
    void anUnsupportedMethodFailsStartUpNamingTheSupportedOnes() {
        String uri = hookUri("").replace(CommerceWebhooks.PRODUCT_SAVE_AFTER, "observer.customer_login");
        Exception failed = assertThrows(Exception.class, () -> startContext(uri));
        String message = rootMessage(failed);
        assertTrue(message.contains("webhookMethod") && message.contains("observer.customer_login")
                   && message.contains(CommerceWebhooks.CART_PRODUCT_ADD_BEFORE), message);
        assertEquals(0, subscribePosts());
        assertTrue(sim.commerceWebhooks().list().isEmpty());
    }

    @Test
    void accsComponentNamesTheCommerceThatSubscribes() throws Exception {
        // the default accs component is not configured at all: only accsEu can reach the simulator
        startContext(hookUri("&accsComponent=accsEu&unsubscribeOnStop=true"), "accsEu");

        assertEquals(1, sim.commerceWebhooks().list().size());
        context.getRouteController().stopRoute("hook");
        assertTrue(sim.commerceWebhooks().list().isEmpty());
    }

    @Test
    void unsubscribeOnStopRemovesTheHook() throws Exception {
        startContext(hookUri("&unsubscribeOnStop=true"));
        assertEquals(1, sim.commerceWebhooks().list().size());

        context.getRouteController().stopRoute("hook");

        assertTrue(sim.commerceWebhooks().list().isEmpty());
        assertEquals(1, sim.requests("POST", "/V1/webhooks/unsubscribe"));
    }

    @Test
    void aPlainHttpUrlToAnotherHostIsRefusedNamingExternalUrl() {
        String uri = hookUri("").replace("externalUrl=http://127.0.0.1:", "externalUrl=http://hooks.example.com:");
        Exception failed = assertThrows(Exception.class, () -> startContext(uri));
        assertTrue(rootMessage(failed).contains("Option externalUrl"), rootMessage(failed));
        assertEquals(0, sim.requests("GET", "/V1/webhooks"));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
