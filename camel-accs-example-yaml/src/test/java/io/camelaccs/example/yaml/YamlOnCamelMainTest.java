package io.camelaccs.example.yaml;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module as it ships (application.properties and routes/*.camel.yaml, run by Camel's own Main) against the
 * simulator, given only the settings the guide names: ACCS_BASE_URL, ACCS_IMS_URL, ACCS_CLIENT_ID, ACCS_CLIENT_SECRET.
 * They are handed over as the initial properties accs.base-url, ..., which is where the placeholders look when
 * neither the environment (ACCS_BASE_URL, ...) nor a system property has them.
 */
class YamlOnCamelMainTest {

    private AccsSimulator sim;
    private Main main;

    @BeforeEach
    void startSimulatorAndMain() throws Exception {
        assumeTrue(System.getenv("ACCS_BASE_URL") == null, "the environment points at a tenant: not ours to call");
        sim = AccsSimulator.builder().products(300).build().start();
        main = new Main();
        main.addInitialProperty("accs.base-url", sim.baseUrl());
        main.addInitialProperty("accs.ims-url", sim.imsUrl());
        main.addInitialProperty("accs.client-id", sim.clientId());
        main.addInitialProperty("accs.client-secret", sim.clientSecret());
        main.start();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theYamlRoutesRunAgainstTheSimulatorWithTheDocumentedSettings() throws Exception {
        // both timer routes fire at start-up: the price watch reads its SKU, the bag count searches once
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.requests("GET", "/V1/products/24-MB01") == 1
                                                           && search() != null);

        Object body = main.getCamelTemplate().requestBodyAndHeader("direct:product", null, "sku", "24-WB02");

        assertEquals("Compete Track Tote", assertInstanceOf(Map.class, body).get("name"));
        Map<String, List<String>> criteria = search().queryParameters();
        assertEquals(List.of("sku"), criteria.get("searchCriteria[filter_groups][0][filters][0][field]"));
        assertEquals(List.of("like"), criteria.get("searchCriteria[filter_groups][0][filters][0][condition_type]"));
        assertEquals(List.of("24-MB%"), criteria.get("searchCriteria[filter_groups][0][filters][0][value]"));
        assertEquals(1, sim.tokenRequests(), "one token for every route");
        assertEquals(3, main.getCamelContext().getRoutes().size());
    }

    /** The bag count's search, once it has been made. */
    private RecordedRequest search() {
        return sim.requestLog().stream().filter(r -> r.method().equals("GET") && r.path().equals("/V1/products"))
                .findFirst().orElse(null);
    }
}
