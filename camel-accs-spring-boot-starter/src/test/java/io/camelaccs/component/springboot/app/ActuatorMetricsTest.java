package io.camelaccs.component.springboot.app;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/observability.md, "Micrometer metrics" in Spring Boot: with spring-boot-starter-actuator the component's meters
 * are in the application's registry, read at {@code /actuator/metrics} like any other, with no setting of ours.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "management.endpoints.web.exposure.include=health,metrics")
class ActuatorMetricsTest {

    static final AccsSimulator SIMULATOR = AccsSimulator.builder().products(50).build().start();

    @DynamicPropertySource
    static void accsSettings(DynamicPropertyRegistry registry) {
        registry.add("camel.component.accs.base-url", SIMULATOR::baseUrl);
        registry.add("camel.component.accs.ims-url", SIMULATOR::imsUrl);
        registry.add("camel.component.accs.client-id", SIMULATOR::clientId);
        registry.add("camel.component.accs.client-secret", SIMULATOR::clientSecret);
        registry.add("camel.component.accs.org-id", SIMULATOR::orgId);
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    ProducerTemplate template;

    @LocalServerPort
    int port;

    private JsonNode actuator(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/metrics/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void requestsAndTokenFetchesAreInTheActuatorsMetrics() throws Exception {
        template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");
        template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB04");

        String tag = URLEncoder.encode("resource:/V1/products/{sku}", StandardCharsets.UTF_8);
        JsonNode requests = actuator("accs.requests?tag=" + tag + "&tag=status:200");
        assertEquals(2.0, requests.at("/measurements/0/value").asDouble(), requests.toString());
        assertEquals(1.0, actuator("accs.token.fetches").at("/measurements/0/value").asDouble());
        String all = actuator("accs.requests").toString();
        assertTrue(all.contains("\"method\""), all);
        assertFalse(all.contains("24-MB0"), "a resource template, never a SKU: " + all);
        assertFalse(all.contains(SIMULATOR.clientId()), all);
    }
}
