package io.camelaccs.platform;

import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accs Kamelets' platform property: the component holds a PaaS shop's integration credentials, and the Kamelets
 * reach the shop by their platform property, the same pipes as on ACCS.
 */
@AccsSimulatorTest(products = 5, orders = 1, paas = true)
class PaasKameletTest {

    @Test
    void theKameletsPlatformPropertySelectsThePaasShop(AccsSimulator sim) throws Exception {
        CamelContext context = new DefaultCamelContext();
        AccsConfiguration conf = context.getComponent("accs", AccsComponent.class).getConfiguration();
        conf.setBaseUrl(sim.baseUrl());
        conf.setAuthenticationType(AuthenticationType.INTEGRATION);
        conf.setConsumerKey(sim.paas().consumerKey());
        conf.setConsumerSecret(sim.paas().consumerSecret());
        conf.setAccessToken(sim.paas().accessToken());
        conf.setAccessTokenSecret(sim.paas().accessTokenSecret());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:action").to("kamelet:accs-action?platform=PAAS&path=/V1/products/{sku}");
                from("direct:sink").to("kamelet:accs-sink?platform=PAAS&path=/V1/products/{sku}&storeCode=all");
            }
        });
        context.start();
        try {
            String sku = sim.products().skus().get(0);
            String product = context.createProducerTemplate().requestBodyAndHeader("direct:action", null, "sku", sku,
                    String.class);
            assertTrue(product.contains("\"sku\":\"" + sku + "\""), product);
            context.createProducerTemplate().sendBodyAndHeader("direct:sink",
                    Map.of("product", Map.of("sku", sku, "price", 77.0)), "sku", sku);
            assertEquals(77.0, sim.products().get(sku).orElseThrow().path("price").asDouble());
            assertEquals(1, sim.requests("PUT", "/V1/products/"), "under /rest/all/");
        } finally {
            context.stop();
        }
    }
}
