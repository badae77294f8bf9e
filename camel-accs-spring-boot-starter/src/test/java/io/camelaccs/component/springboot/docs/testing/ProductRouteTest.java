package io.camelaccs.component.springboot.docs.testing;

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

// docs/testing-your-routes.md, "Spring Boot": the page's test class as it writes it
@SpringBootTest
class ProductRouteTest {

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
    void readsAProduct() {
        Map<?, ?> product = (Map<?, ?>) template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");

        assertEquals("Joust Duffle Bag", product.get("name"));
        assertEquals(1, SIMULATOR.tokenRequests());
    }
}
