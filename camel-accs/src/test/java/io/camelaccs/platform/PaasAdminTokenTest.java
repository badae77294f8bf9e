package io.camelaccs.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.rest.AccsPermissionException;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.testsupport.MutableClock;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.camelaccs.testsupport.ConcurrentCallers.runTogether;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * authenticationType=ADMIN_TOKEN against the simulator as a PaaS shop whose admin tokens live one hour on a clock the
 * test moves: one token for all threads, renewed before its lifetime ends, replaced once when the shop drops it, and a
 * shop with two-factor authentication reported as such.
 */
class PaasAdminTokenTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private AccsSimulator sim;
    private CamelContext context;
    private ProducerTemplate template;
    private String sku;

    @BeforeEach
    void start() {
        sim = AccsSimulator.builder().products(5).orders(1).paas().clock(clock)
                .adminTokenLifetime(Duration.ofHours(1)).build().start();
        sku = sim.products().skus().get(0);
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.setClock(clock);
        AccsConfiguration conf = accs.getConfiguration();
        conf.setPlatform(Platform.PAAS);
        conf.setBaseUrl(sim.baseUrl());
        conf.setAuthenticationType(AuthenticationType.ADMIN_TOKEN);
        conf.setAdminUsername(sim.paas().adminUsername());
        conf.setAdminPassword(sim.paas().adminPassword());
        conf.setAdminTokenLifetime(Duration.ofHours(1).toMillis());
        context.addComponent("accs", accs);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.close();
    }

    private Map<?, ?> product() {
        return (Map<?, ?>) template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", sku);
    }

    @Test
    void oneTokenServesEveryThread() throws Exception {
        runTogether(12, Duration.ofSeconds(30), i -> {
            for (int n = 0; n < 3; n++) {
                product();
            }
        });
        assertEquals(1, sim.paas().adminTokensIssued(), "one fetch for 36 calls on 12 threads");
        assertEquals(36, sim.requests("GET", "/V1/products/"));
        assertTrue(sim.lastRequest("GET", "/V1/products/").header("Authorization").startsWith("Bearer adm"));
    }

    @Test
    void aMissingPermissionIsNamedWithWhereAShopGrantsIt() {
        sim.denyPermission("Magento_Catalog::products");
        CamelExecutionException e = assertThrows(CamelExecutionException.class, this::product);
        AccsPermissionException refused = assertInstanceOf(AccsPermissionException.class, e.getCause());
        assertEquals("Magento_Catalog::products", refused.getAclResource());
        assertTrue(refused.getMessage().contains("grant ACL resource Magento_Catalog::products to the Admin user's role"
                                                 + " (System > Permissions > User Roles)"), refused.getMessage());
        assertFalse(refused.getMessage().contains("scopes, orgId"), "no ACCS advice on a PaaS shop");
    }

    @Test
    void theTokenIsRenewedBeforeItsLifetimeEnds() {
        product();
        // the default tokenRefreshMargin is 5 minutes: at 56 minutes of an hour's token a renewal starts
        clock.advance(Duration.ofMinutes(56));
        product();
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.paas().adminTokensIssued() == 2);
        // past the first token's hour: the renewed one is in use, and no call met a 401
        clock.advance(Duration.ofMinutes(10));
        assertEquals(sku, product().get("sku"));
        assertEquals(2, sim.paas().adminTokensIssued());
        assertEquals(0, context.getComponent("accs", AccsComponent.class).getUnauthorizedCount());
    }

    @Test
    void aTokenTheShopDroppedIsReplacedOnce() {
        product();
        sim.paas().expireAdminTokens();
        assertEquals(sku, product().get("sku"), "the 401 replayed with a new token");
        assertEquals(2, sim.paas().adminTokensIssued());
        assertEquals(1, context.getComponent("accs", AccsComponent.class).getUnauthorizedCount());
        assertEquals(sku, product().get("sku"));
        assertEquals(2, sim.paas().adminTokensIssued(), "the new token is kept");
    }

    @Test
    void aShopWithTwoFactorAuthenticationIsToldApart() {
        sim.paas().requireTwoFactorAuth(true);
        CamelExecutionException e = assertThrows(CamelExecutionException.class, this::product);
        AccsAuthenticationException refusal = assertInstanceOf(AccsAuthenticationException.class, e.getCause());
        assertEquals("two_factor_required", refusal.getError());
        String message = refusal.getMessage();
        assertTrue(message.contains("two-factor authentication") && message.contains("/V1/tfa/provider/google/authenticate")
                   && message.contains("authenticationType=INTEGRATION") && message.contains("google"), message);
        assertFalse(message.contains(sim.paas().adminPassword()), "no password in the message");
        assertEquals(0, sim.requests("GET", "/V1/products/"), "nothing sent without a token");
    }

    @Test
    void wrongCredentialsNameTheOptions() {
        context.getComponent("accs", AccsComponent.class).getConfiguration().setAdminPassword("wrong");
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}?adminPassword=also-wrong", null,
                        "sku", sku));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("adminUsername and adminPassword"), message);
        assertFalse(message.contains("also-wrong"), message);
    }
}
