package io.camelaccs.component.springboot.docs.boot;

import java.util.Map;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.SpringProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * docs/spring-boot.md's route class, its vault customizer and its second tenant, as the page writes them, in one
 * Spring Boot application against the simulator. The client secret is left out of the properties the test sets (the
 * file's own does not open the simulator): a call that succeeds took the vault's.
 */
@SpringBootTest(classes = { SpringBootDocApplication.class, SpringBootDocTest.Vault.class },
                webEnvironment = SpringBootTest.WebEnvironment.NONE,
                properties = { "ACCS_EU_TENANT_ID=eu-tenant-7", "ACCS_EU_CLIENT_ID=eu-client",
                               "ACCS_EU_CLIENT_SECRET=eu-secret" })
class SpringBootDocTest {

    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(5).build().start();

    @DynamicPropertySource
    static void accsSettings(DynamicPropertyRegistry registry) {
        SpringProperties.register(SIMULATOR, (key, value) -> {
            if (!key.endsWith("client-secret")) {
                registry.add(key, value);
            }
        });
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @TestConfiguration
    static class Vault {
        @Bean
        MyVaultClient vault() {
            return path -> path.equals("accs/client-secret") ? SIMULATOR.clientSecret() : null;
        }
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    CamelContext context;

    @Test
    void theRouteClassCallsCommerceWithTheSecretTheCustomizerReadFromTheVault() {
        String sku = SIMULATOR.products().skus().get(0);
        Map<?, ?> product = assertInstanceOf(Map.class, template.requestBodyAndHeader("direct:price", null, "sku", sku));
        assertEquals(sku, product.get("sku"));
        assertEquals(1, SIMULATOR.tokenRequests(), "the vault's secret opened the simulator's IMS");
    }

    @Test
    void theSecondTenantIsAComponentOfItsOwnUnderItsBeanName() {
        AccsComponent eu = context.getComponent("accsEu", AccsComponent.class);
        assertSame(eu, context.getRegistry().lookupByName("accsEu"));
        assertEquals("https://na1.api.commerce.adobe.com/eu-tenant-7", eu.getConfiguration().getBaseUrl());
        assertEquals("eu-client", eu.getConfiguration().getClientId());
    }
}
