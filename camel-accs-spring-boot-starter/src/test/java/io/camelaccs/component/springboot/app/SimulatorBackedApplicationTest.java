package io.camelaccs.component.springboot.app;

import java.util.Map;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.SpringProperties;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The recipe of docs/testing-your-routes.md: the camel-accs-test simulator started once for the class, its free port
 * handed to Spring Boot through {@code @DynamicPropertySource} as the documented {@code camel.component.accs.*}
 * settings, and the application's own route (StarterTestApplication) calling it unchanged.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SimulatorBackedApplicationTest {

    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(50).build().start();

    @DynamicPropertySource
    static void accsSettings(DynamicPropertyRegistry registry) {
        // camel.component.accs.base-url, ims-url, client-id, client-secret, org-id; accs.simulator.journal-url, ...
        SpringProperties.register(SIMULATOR, registry::add);
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void theApplicationsRouteReadsADocumentedProductFromTheSimulator() {
        Object body = template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");
        template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB04");

        Map<?, ?> product = assertInstanceOf(Map.class, body);
        assertEquals("Joust Duffle Bag", product.get("name"));
        assertEquals(2, SIMULATOR.requests("GET", "/V1/products/"));
        assertEquals(1, SIMULATOR.tokenRequests(), "one token for both calls");
        assertEquals("default", SIMULATOR.lastRequest("GET", "/V1/products/24-MB04").header("Store"),
                "application.properties still applies where the test does not override it");
    }
}
