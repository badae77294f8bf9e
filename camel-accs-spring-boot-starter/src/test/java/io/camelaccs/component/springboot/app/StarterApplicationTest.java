package io.camelaccs.component.springboot.app;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A Spring Boot application configured only by application.properties calls Commerce through the starter's
 * auto-configured accs component, and reports Camel's health on /actuator/health.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterApplicationTest {

    static final String TOKEN_PATH = "/ims/token/v3";

    /** One WireMock for the whole class, its journal kept: token counts hold whatever order the tests run in. */
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .resetOnEachTest(false).build();

    @DynamicPropertySource
    static void wiremockPort(DynamicPropertyRegistry registry) {
        registry.add("wiremock.port", wm::getPort);
    }

    @BeforeAll
    static void stubCommerceAndIms() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"starter-token\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
        wm.stubFor(get(urlPathEqualTo("/tenant-1/V1/products/24-MB01")).atPriority(1)
                .willReturn(okJson("{\"sku\":\"24-MB01\",\"name\":\"Joust Duffle Bag\",\"price\":34}")));
        // whatever a health check of the component may read answers too
        wm.stubFor(get(urlPathMatching("/tenant-1/.*")).atPriority(10).willReturn(okJson("{}")));
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    CamelContext camelContext;

    @Autowired
    TestRestTemplate rest;

    @Test
    void routeCallsCommerceWithThePropertiesOfApplicationProperties() {
        Object body = template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");

        Map<?, ?> product = assertInstanceOf(Map.class, body);
        assertEquals("Joust Duffle Bag", product.get("name"));
        assertEquals(34, product.get("price"));

        template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");
        assertEquals(1, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount(),
                "one token request, reused by the second call");
        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withFormParam("client_id", equalTo("starter-client-id-0001"))
                .withFormParam("client_secret", equalTo("starter+SECRET%never-logged"))
                .withFormParam("grant_type", equalTo("client_credentials")));
        wm.verify(2, getRequestedFor(urlEqualTo("/tenant-1/V1/products/24-MB01"))
                .withHeader("Authorization", equalTo("Bearer starter-token"))
                .withHeader("x-api-key", equalTo("starter-client-id-0001"))
                .withHeader("x-gw-ims-org-id", equalTo("ABCDEF0123456789@AdobeOrg"))
                .withHeader("Store", equalTo("default")));

        AccsComponent accs = camelContext.getComponent("accs", AccsComponent.class);
        assertEquals(20_000, accs.getConfiguration().getReadTimeout(), "read-timeout=20s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void actuatorHealthIsUpAndIncludesCamel() {
        ResponseEntity<Map> response = rest.getForEntity("/actuator/health", Map.class);

        assertEquals(HttpStatus.OK, response.getStatusCode(), () -> String.valueOf(response.getBody()));
        Map<String, Object> health = response.getBody();
        assertNotNull(health);
        assertEquals("UP", health.get("status"), health::toString);
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        Map<String, Object> camel = (Map<String, Object>) components.get("camelHealth");
        assertNotNull(camel, () -> "the camel health contributor is present: " + components.keySet());
        assertEquals("UP", camel.get("status"), camel::toString);
        Map<String, Object> details = (Map<String, Object>) camel.get("details");
        assertEquals("UP", details.get("context"), details::toString);
        // the accs producer check of the route's endpoint (camel.health.producers-enabled=true), listed with the
        // others because camel.health.exposure-level=full
        List<String> accsChecks = details.keySet().stream()
                .filter(id -> id.startsWith("producer:accs") && !id.endsWith(".data")).toList();
        assertFalse(accsChecks.isEmpty(), details::toString);
        accsChecks.forEach(id -> assertEquals("UP", details.get(id), details::toString));
        // and nothing that authenticates shows
        String all = String.valueOf(health);
        assertFalse(all.contains("starter+SECRET") || all.contains("starter-token")
                    || all.contains("starter-client-id-0001"), all);
    }
}
