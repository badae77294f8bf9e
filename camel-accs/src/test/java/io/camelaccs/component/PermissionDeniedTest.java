package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.AccsPermissionException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.camelaccs.testsupport.ConcurrentCallers.runTogether;
import static io.camelaccs.testsupport.Figures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A credential whose role lacks one ACL resource, against the simulator: Commerce answers such calls 401 with the very
 * body of a bad token. The component replays once with a new token, and when that one is refused too reports a
 * permission error naming the resource, without asking IMS for a token on every call; a token that is really bad
 * (revoked, or past the grace) is still replaced.
 */
@AccsSimulatorTest(products = 5, orders = 3)
class PermissionDeniedTest {

    private static final String PRODUCT = "accs:get:/V1/products/{sku}";
    private static final String ORDERS = "accs:get:/V1/orders?pageSize=1";
    private static final String PRODUCTS_ACL = "Magento_Catalog::products";

    private final MutableClock clock = new MutableClock(Instant.now());
    private AccsSimulator sim;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start(AccsSimulator simulator) {
        sim = simulator;
        sim.allowAllPermissions();
        sim.faults().clear();
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.setClock(clock);
        AccsConfiguration conf = accs.getConfiguration();
        conf.setBaseUrl(sim.baseUrl());
        conf.setImsUrl(sim.imsUrl());
        conf.setClientId(sim.clientId());
        conf.setClientSecret(sim.clientSecret());
        conf.setOrgId(sim.orgId());
        conf.setMaxConnections(40);
        context.addComponent("accs", accs);
        context.start();
        template = context.createProducerTemplate();
        sim.resetCounters();
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.allowAllPermissions();
    }

    private AccsPermissionException deniedProductCall(String sku) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader(PRODUCT, null, "sku", sku));
        return assertInstanceOf(AccsPermissionException.class, e.getCause());
    }

    @Test
    void hundredPermissionRefusalsCostAHandfulOfTokens() {
        sim.denyPermission(PRODUCTS_ACL);

        AccsPermissionException first = deniedProductCall("SKU-0");
        for (int i = 1; i < 100; i++) {
            deniedProductCall("SKU-" + i);
        }

        long tokens = sim.tokenRequests();
        long commerce = sim.requests("GET", "/V1/products");
        report("hundredPermissionRefusalsCostAHandfulOfTokens", "100 calls: token requests=" + tokens
                                                               + ", Commerce requests=" + commerce);
        assertTrue(tokens <= 5, "100 permission 401s must not mint a token each: " + tokens);
        assertEquals(2, tokens, "the first token, and the one fetched to replay the first 401");
        assertEquals(101, commerce, "the first call is replayed once; the others are not replayed at all");
        assertEquals(401, first.getStatusCode());
        assertEquals(PRODUCTS_ACL, first.getAclResource());
        assertEquals("The consumer isn't authorized to access Magento_Catalog::products.", first.getCommerceMessage());
        assertTrue(first.getMessage().contains("grant ACL resource Magento_Catalog::products"), first.getMessage());
        assertFalse(first.getMessage().contains(sim.clientSecret()));

        // the kept token still opens what the role grants, without another token
        Object orders = template.requestBody(ORDERS, (Object) null);
        assertTrue(((Map<?, ?>) orders).containsKey("items"));
        assertEquals(2, sim.tokenRequests());
    }

    @Test
    void burstOfPermissionRefusalsSharesOneReplacementToken() throws Exception {
        sim.denyPermission(PRODUCTS_ACL);
        sim.faults().commerceLatency(Duration.ofMillis(50));
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        runTogether(32, Duration.ofSeconds(30), t -> {
            try {
                template.requestBodyAndHeader(PRODUCT, null, "sku", "SKU-" + t);
            } catch (CamelExecutionException e) {
                failures.add(e.getCause());
            }
        });

        long tokens = sim.tokenRequests();
        report("burstOfPermissionRefusalsSharesOneReplacementToken", "32 concurrent calls: token requests=" + tokens
                                                                     + ", Commerce requests="
                                                                     + sim.requests("GET", "/V1/products"));
        assertEquals(32, failures.size());
        assertTrue(failures.stream().allMatch(AccsPermissionException.class::isInstance), () -> "" + failures);
        assertTrue(tokens <= 5, "a burst of permission 401s must not mint a token each: " + tokens);
    }

    @Test
    void revokedTokenIsStillReplacedAtOnce() {
        assertTrue(((Map<?, ?>) template.requestBody(ORDERS, (Object) null)).containsKey("items"));
        sim.faults().revokeAllTokens();

        Object orders = template.requestBody(ORDERS, (Object) null);

        assertTrue(((Map<?, ?>) orders).containsKey("items"));
        assertEquals(2, sim.tokenRequests(), "the revoked token is replaced by the replay");
        assertEquals(3, sim.requests("GET", "/V1/orders"));
    }

    @Test
    void permissionGrantedLaterAndTokenRevokedRecoverOnceTheGraceEnds() {
        sim.denyPermission(PRODUCTS_ACL);
        for (int i = 0; i < 10; i++) {
            deniedProductCall("SKU-" + i);
        }
        assertEquals(2, sim.tokenRequests());

        // the administrator fixes the role; meanwhile the kept token gets revoked
        sim.allowPermission(PRODUCTS_ACL);
        sim.faults().revokeAllTokens();
        clock.advance(Duration.ofSeconds(6));

        Object product = template.requestBodyAndHeader(PRODUCT, null, "sku", firstSku());

        assertTrue(((Map<?, ?>) product).containsKey("sku"));
        assertEquals(3, sim.tokenRequests(), "the revoked token is replaced once it is past the grace");
    }

    @Test
    void callerSuppliedTokenRefusedStaysAPlainError() {
        sim.denyPermission(PRODUCTS_ACL);
        String token = sim.issueAccessToken();

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeaders(PRODUCT + "?authenticationType=ACCESS_TOKEN", null,
                        Map.of("sku", "A", AccsConstants.ACCESS_TOKEN, token)));

        AccsApiException api = assertInstanceOf(AccsApiException.class, e.getCause());
        assertFalse(api instanceof AccsPermissionException, "a caller's token was never proven good: " + api);
        assertEquals(0, sim.tokenRequests());
    }

    private String firstSku() {
        Map<?, ?> page = (Map<?, ?>) template.requestBody("accs:get:/V1/products?pageSize=1", (Object) null);
        return (String) ((Map<?, ?>) ((java.util.List<?>) page.get("items")).get(0)).get("sku");
    }
}
