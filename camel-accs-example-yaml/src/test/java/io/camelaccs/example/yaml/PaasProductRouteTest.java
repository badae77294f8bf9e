package io.camelaccs.example.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

/**
 * The PaaS JUnit recipe of docs/testing-your-routes.md, "PaaS in tests": from its annotation to its end, this class is
 * what the page shows ({@link TestingYourRoutesDocTest} fails when they differ).
 */
@AccsSimulatorTest(paas = true)
class PaasProductRouteTest {

    @Test
    void readsAProductFromThePaasShop(AccsSimulator sim) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // platform=PAAS, baseUrl, authenticationType=INTEGRATION and the integration's four credentials
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            PropertyBindingSupport.bindProperties(context, accs, new HashMap<>(sim.componentProperties()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:product").to("accs:get:/V1/products/{sku}");   // the routes of ACCS, unchanged
                }
            });
            context.start();

            Object product = context.createProducerTemplate()
                    .requestBodyAndHeader("direct:product", null, "sku", "24-MB01");

            assertEquals("Joust Duffle Bag", ((Map<?, ?>) product).get("name"));
            assertEquals(1, sim.requests("GET", "/V1/products/24-MB01"));   // under /rest/default/
            assertEquals(0, sim.paas().refusedSignatures());   // every OAuth 1.0a signature verified
        }
    }
}
