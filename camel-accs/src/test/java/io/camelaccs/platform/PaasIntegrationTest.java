package io.camelaccs.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.rest.AccsBulkException;
import io.camelaccs.rest.AccsOAuthException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.camelaccs.testsupport.ConcurrentCallers.runTogether;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same routes against the simulator running as an Adobe Commerce PaaS shop, authenticated as an integration: every
 * request is signed with OAuth 1.0a and the simulator checks each signature with its own implementation of RFC 5849
 * (the kit's OAuth1Verifier, which shares no code with the component), so a signature the component gets wrong in any
 * part of the base string (query parameters with brackets, quotes and spaces, the store code in the path, the port)
 * fails these tests.
 */
@AccsSimulatorTest(products = 120, orders = 5, paas = true)
class PaasIntegrationTest {

    /** The system clock, or ahead of it by a skew (timeouts must still run out in real time here). */
    private volatile Duration skew = Duration.ZERO;
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(skew);
        }
    };
    private AccsSimulator sim;
    private CamelContext context;
    private ProducerTemplate template;
    private long refusedBefore;

    @BeforeEach
    void start(AccsSimulator simulator) throws Exception {
        sim = simulator;
        sim.faults().clear();
        sim.paas().allowIntegrationAsBearer(false).hideOAuthProblems(false);
        refusedBefore = sim.paas().refusedSignatures();
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.setClock(clock);
        AccsConfiguration conf = accs.getConfiguration();
        // what a user copies from the simulator (or from System > Integrations): nothing else
        org.apache.camel.support.PropertyBindingSupport.build().bind(context, conf, new java.util.HashMap<>(sim.componentProperties()));
        conf.setRetryDelay(1);
        context.addComponent("accs", accs);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    /** Signatures the shop refused during this test (the simulator serves the whole class). */
    private long refused() {
        return sim.paas().refusedSignatures() - refusedBefore;
    }

    private AccsConfiguration conf() {
        return context.getComponent("accs", AccsComponent.class).getConfiguration();
    }

    private ProducerTemplate template() {
        if (template == null) {
            context.start();
            template = context.createProducerTemplate();
            sim.resetCounters();
        }
        return template;
    }

    @Test
    void signedRequestsReadSearchAndWriteWithTheRoutesOfAccs() {
        String sku = sim.products().skus().get(3);
        long signedBefore = sim.paas().signedRequests();

        Map<?, ?> product = (Map<?, ?>) template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
        assertEquals(sku, product.get("sku"));

        // a search: the bracketed searchCriteria parameters, quotes and spaces are all part of the signature
        Exchange walk = template().request("accs:get:/V1/products?fetchAll=true&pageSize=25"
                                           + "&filter=RAW((type_id eq 'simple' or name like '%e%'))", e -> {
                                           });
        List<String> skus = new ArrayList<>();
        ((Iterator<?>) walk.getMessage().getBody()).forEachRemaining(i -> skus.add((String) ((Map<?, ?>) i).get("sku")));
        assertTrue(skus.size() > 25, "more than one page: " + skus.size());
        assertEquals(skus.size(), new java.util.HashSet<>(skus).size(), "each item once");

        Map<?, ?> saved = (Map<?, ?>) template().requestBodyAndHeader("accs:put:/V1/products/{sku}",
                Map.of("product", Map.of("sku", sku, "price", 12.5)), "sku", sku);
        assertEquals(12.5, ((Number) saved.get("price")).doubleValue());

        assertEquals(0, refused(), "every signature verified");
        long sent = sim.requestLog().size();
        assertEquals(sent, sim.paas().signedRequests() - signedBefore, "each request signed, a fresh nonce each time");
        RecordedRequest last = sim.lastRequest("PUT", "/V1/products/");
        assertTrue(last.header("Authorization").startsWith("OAuth oauth_consumer_key=\""), last.header("Authorization"));
        assertTrue(last.header("Authorization").contains("oauth_signature_method=\"HMAC-SHA256\""));
        assertNull(last.header("Store"), "the store goes in the path on PaaS, not in a header");
        assertNull(last.header("x-api-key"), "no IMS gateway headers on PaaS");
    }

    @Test
    void theStoreCodeIsThePathsFirstSegment() {
        String sku = sim.products().skus().get(5);
        sim.products().storeName(sku, "fr", "Nom français");

        Map<?, ?> fr = (Map<?, ?>) template().requestBodyAndHeader("accs:get:/V1/products/{sku}?storeCode=fr", null,
                "sku", sku);
        Map<?, ?> byHeader = (Map<?, ?>) template().requestBodyAndHeaders("accs:get:/V1/products/{sku}", null,
                Map.of("sku", sku, "CamelAccsStoreCode", "fr"));
        Map<?, ?> dflt = (Map<?, ?>) template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);

        assertEquals("Nom français", fr.get("name"));
        assertEquals("Nom français", byHeader.get("name"));
        assertTrue(!"Nom français".equals(dflt.get("name")), "the default store's own name");
        assertEquals(0, refused());
    }

    @Test
    void concurrentCallersEachSendAFreshNonce() throws Exception {
        String sku = sim.products().skus().get(1);
        template();
        runTogether(16, Duration.ofSeconds(30), i -> {
            for (int n = 0; n < 5; n++) {
                template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
            }
        });
        assertEquals(0, refused(), "no nonce used twice, no signature refused");
        assertEquals(80, sim.requests("GET", "/V1/products/"));
    }

    @Test
    void bulkGoesUnderTheStorePrefixAndIsWaitedFor() {
        List<String> skus = sim.products().skus().subList(10, 13);
        List<Map<String, Object>> body = new ArrayList<>();
        for (String s : skus) {
            body.add(Map.of("product", Map.of("sku", s, "price", 99.0)));
        }
        Exchange done = template().request("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true"
                                           + "&completionTimeout=20000", e -> e.getMessage().setBody(body));
        assertNull(done.getException());
        assertEquals(1, sim.requests("PUT", "/async/bulk/V1/products/bySku"), "the PaaS bulk path");
        assertEquals(0, sim.requests("PUT", "/V1/async/"), "not the ACCS one");
        assertTrue(sim.requests("GET", "/V1/bulk/") >= 2, "bulk status polled under /rest/default/V1/bulk/");
        skus.forEach(s -> assertEquals(99.0, sim.products().get(s).orElseThrow().path("price").asDouble()));

        Exchange async = template().request("accs:post:/V1/products?mode=async&waitForCompletion=true"
                                            + "&completionTimeout=20000",
                e -> e.getMessage().setBody(Map.of("product", Map.of("sku", "PAAS-NEW-1", "name", "New", "price", 1,
                        "attribute_set_id", 4, "type_id", "simple"))));
        assertNull(async.getException());
        assertEquals(1, sim.requests("POST", "/async/V1/products"));
        assertTrue(sim.products().get("PAAS-NEW-1").isPresent());
        assertEquals(0, refused());
    }

    @Test
    void aBulkNoQueueConsumerProcessesIsReportedAsSuch() {
        List<Map<String, Object>> body = List.of(Map.of("product", Map.of("sku", sim.products().skus().get(20),
                "price", 5.0)));
        sim.bulks().consumersRunning(false);
        try {
            Exchange done = template().request("accs:put:/V1/products/{sku}?mode=bulk&waitForCompletion=true"
                                               + "&completionTimeout=1500", e -> e.getMessage().setBody(body));
            AccsBulkException e = assertInstanceOf(AccsBulkException.class, done.getException());
            assertTrue(e.getMessage().contains("1 of 1 operations still open: no queue consumer is processing it")
                       && e.getMessage().contains("queue:consumers:start"), e.getMessage());
        } finally {
            sim.bulks().consumersRunning(true);
        }
    }

    @Test
    void incrementalConsumerDeliversEveryProductOnce() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs:get:/V1/products?incrementalField=updated_at&pageSize=50&delay=50")
                        .routeId("paas-sync").to("mock:items");
            }
        });
        MockEndpoint items = context.getEndpoint("mock:items", MockEndpoint.class);
        template();
        await().atMost(Duration.ofSeconds(30)).until(() -> items.getReceivedCounter() >= sim.products().size());
        List<Object> seen = new ArrayList<>();
        items.getReceivedExchanges().forEach(e -> seen.add(e.getMessage().getBody(Map.class).get("sku")));
        assertEquals(sim.products().size(), new java.util.HashSet<>(seen).size(), "every product");
        assertEquals(0, refused());
    }

    @Test
    void theProducerHealthCheckReportsThePaasEndpoint() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:product").routeId("paas-product").to("accs:get:/V1/products/{sku}");
            }
        });
        template().requestBodyAndHeader("direct:product", null, "sku", sim.products().skus().get(0));
        org.apache.camel.health.HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        org.apache.camel.health.HealthCheck.Result result = org.apache.camel.health.HealthCheckHelper.invoke(context)
                .stream().filter(r -> r.getCheck().getId().startsWith("producer:accs")).findFirst().orElseThrow();
        assertEquals(org.apache.camel.health.HealthCheck.State.UP, result.getState(), String.valueOf(result));
        assertEquals("PAAS", result.getDetails().get("platform"));
        assertEquals("ck" + sim.paas().consumerKey().substring(2, 4) + "****", result.getDetails().get("client"));
        assertEquals(1L, ((Number) result.getDetails().get("commerce.requests")).longValue());
    }

    @Test
    void aRetriedRequestIsSignedAgain() {
        String sku = sim.products().skus().get(2);
        template();
        sim.faults().serverError(2, 503);
        Map<?, ?> product = (Map<?, ?>) template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
        assertEquals(sku, product.get("sku"));
        assertEquals(3, sim.requests("GET", "/V1/products/"), "two 503s, then the answer");
        assertEquals(0, refused(), "the retry had a nonce of its own");
    }

    @Test
    void aWrongConsumerSecretIsASignatureProblemSayingWhatToCheck() {
        conf().setConsumerSecret("not-the-secret");
        AccsOAuthException e = oauthFailure("accs:get:/V1/products/{sku}");
        assertEquals("signature_invalid", e.getProblem());
        // as Commerce 2.4 words it: no oauth_problem code on the REST API
        assertEquals("The signature is invalid. Verify and try again.", e.getCommerceMessage());
        assertTrue(e.getMessage().startsWith("Adobe Commerce PaaS GET /V1/products/"), e.getMessage());
        assertTrue(e.getMessage().contains("consumerSecret and accessTokenSecret"), e.getMessage());
        assertEquals(1, sim.requests("GET", "/V1/products/"), "no replay: another attempt would be refused alike");
    }

    @Test
    void commercesOwnSentencesNameTheirProblemsAsTheCodesDo() {
        assertEquals("signature_invalid", AccsOAuthException.problem("The signature is invalid. Verify and try again."));
        assertEquals("nonce_used", AccsOAuthException.problem("The nonce is already being used by the consumer with ID 7"));
        assertEquals("timestamp_refused",
                AccsOAuthException.problem("Incorrect timestamp value in the oauth_timestamp parameter"));
        assertEquals("token_rejected", AccsOAuthException.problem("oauth_problem=token_rejected"));
        assertEquals(null, AccsOAuthException.problem("The consumer isn't authorized to access Magento_Catalog::products."));
    }

    @Test
    void aSkewedClockIsNamedAsSuch() {
        skew = Duration.ofMinutes(30);
        AccsOAuthException e = oauthFailure("accs:get:/V1/products/{sku}");
        assertEquals("timestamp_refused", e.getProblem());
        assertTrue(e.getMessage().contains("clock"), e.getMessage());
    }

    @Test
    void anUnknownConsumerKeyIsNamedAsSuch() {
        conf().setConsumerKey("ck-nobody");
        AccsOAuthException e = oauthFailure("accs:get:/V1/products/{sku}");
        assertEquals("consumer_key_rejected", e.getProblem());
        assertTrue(e.getMessage().contains("consumerKey"), e.getMessage());
    }

    @Test
    void aShopThatHidesOAuthProblemsStillGetsAnErrorSayingWhatToCheck() {
        sim.paas().hideOAuthProblems(true);
        conf().setAccessTokenSecret("wrong");
        AccsOAuthException e = oauthFailure("accs:get:/V1/products/{sku}");
        assertNull(e.getProblem());
        assertTrue(e.getMessage().contains("The consumer isn't authorized to access Magento_Catalog::products"),
                e.getMessage());
        assertTrue(e.getMessage().contains("ACL resource") && e.getMessage().contains("accessTokenSecret"),
                e.getMessage());
    }

    @Test
    void theAccessTokenAsABearerNeedsTheShopsConsent() {
        conf().setIntegrationAsBearer(true);
        AccsOAuthException e = oauthFailure("accs:get:/V1/products/{sku}");
        assertTrue(e.getMessage().contains("integrationAsBearer=false")
                   && e.getMessage().contains("Allow OAuth Access Tokens to be used as standalone Bearer tokens"),
                e.getMessage());

        sim.paas().allowIntegrationAsBearer(true);
        String sku = sim.products().skus().get(0);
        Map<?, ?> product = (Map<?, ?>) template().requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
        assertEquals(sku, product.get("sku"));
        assertEquals("Bearer " + sim.paas().accessToken(), sim.lastRequest("GET", "/V1/products/").header(
                "Authorization"));
    }

    @Test
    void aCallerTokenHeaderDoesNotReplaceTheIntegration() {
        String sku = sim.products().skus().get(0);
        template().requestBodyAndHeaders("accs:get:/V1/products/{sku}", null,
                Map.of("sku", sku, "CamelAccsAccessToken", "someone-else"));
        assertEquals(0, refused());
    }

    private AccsOAuthException oauthFailure(String uri) {
        String sku = sim.products().skus().get(0);
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template().requestBodyAndHeader(uri, null, "sku", sku));
        return assertInstanceOf(AccsOAuthException.class, e.getCause());
    }
}
