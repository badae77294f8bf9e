package io.camelaccs.component.springboot.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe recipe of docs/observability.md in Spring Boot: while Commerce fails, the accs check takes the pod out of
 * readiness and leaves liveness UP (a restart would cure nothing), and the check's id is the route's. Spring Boot's
 * probe groups hold only its own availability states unless told to include Camel's; {@link #PROBES}, {@link #LIVENESS} and
 * {@link #READINESS} are the page's settings, compared with the page by {@link #thePageShowsTheseSettings}.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = { HealthProbesTest.PROBES, HealthProbesTest.LIVENESS, HealthProbesTest.READINESS,
                               "camel.component.accs.max-retries=0" })
class HealthProbesTest {

    // docs/observability.md: Camel's checks join Spring Boot's probe groups
    static final String PROBES = "management.endpoint.health.probes.enabled=true";
    static final String LIVENESS = "management.endpoint.health.group.liveness.include=livenessState,camelLivenessState";
    static final String READINESS = "management.endpoint.health.group.readiness.include=readinessState,camelReadinessState";

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

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageShowsTheseSettings() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "observability.md"));
        for (String setting : new String[] { PROBES, LIVENESS, READINESS, "camel.health.producers-enabled=true" }) {
            assertTrue(page.contains(setting + "\n"), "docs/observability.md shows " + setting);
        }
    }

    @Test
    void aCommerceOutageTakesThePodOutOfReadinessButNeverRestartsIt() throws Exception {
        assertEquals(200, get("/actuator/health/readiness").statusCode(), "ready before the first request");

        SIMULATOR.faults().serverError(1, 503);
        assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01"));

        assertEquals(503, get("/actuator/health/readiness").statusCode());
        assertEquals(200, get("/actuator/health/liveness").statusCode(), "a restart would cure nothing");
        HttpResponse<String> all = get("/actuator/health");
        assertEquals(503, all.statusCode(), "why a liveness probe must not point at /actuator/health");
        assertTrue(all.body().contains("producer:accs-product-by-sku"), all.body());

        template.requestBodyAndHeader("direct:sku", null, "sku", "24-MB01");
        assertEquals(200, get("/actuator/health/readiness").statusCode(), "ready again at the next answer");
    }
}
