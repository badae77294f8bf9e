package io.camelaccs.example.yaml;

// The JUnit 5 recipe of docs/testing-your-routes.md: from its first import to its end, this file is what the page
// shows (TestingYourRoutesDocTest fails when they differ).
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

@AccsSimulatorTest(products = 200)
class ProductRouteTest {

    @Test
    void readsAProductFromTheSimulator(AccsSimulator sim) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // baseUrl, imsUrl, clientId, clientSecret, orgId of the simulator, onto the accs component
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            PropertyBindingSupport.bindProperties(context, accs, new HashMap<>(sim.componentProperties()));
            context.addRoutes(new RouteBuilder() {   // or your RouteBuilder, unchanged
                @Override
                public void configure() {
                    from("direct:product").to("accs:get:/V1/products/{sku}");
                }
            });
            context.start();

            Object product = context.createProducerTemplate()
                    .requestBodyAndHeader("direct:product", null, "sku", "24-MB01");

            assertEquals("Joust Duffle Bag", ((Map<?, ?>) product).get("name"));
            assertEquals(1, sim.tokenRequests());
            assertEquals(1, sim.requests("GET", "/V1/products/24-MB01"));
        }
    }
}
