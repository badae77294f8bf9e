package io.camelaccs.example.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why the Camel Main recipe of docs/testing-your-routes.md sets {@code accs.base-url} and not
 * {@code camel.component.accs.base-url}: this module's application.properties sets the latter, and a file on the class
 * path wins over an initial property of the same key (so does a stale copy in target/classes, sending a test's calls
 * elsewhere). An override property wins over the file.
 */
class CamelMainPropertyLayersTest {

    /** Where no call must go: nothing listens on port 1. */
    private static final String ELSEWHERE = "http://127.0.0.1:1/elsewhere";

    private AccsSimulator sim;

    @BeforeEach
    void startSimulator() {
        assumeTrue(System.getenv("ACCS_BASE_URL") == null, "the environment points at a tenant: not ours to call");
        sim = AccsSimulator.builder().products(30).build().start();
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theFileWinsOverAnInitialPropertyOfTheSameKey() throws Exception {
        String baseUrl = baseUrlOfTheComponent(main -> {
            main.addInitialProperty("camel.component.accs.base-url", ELSEWHERE);
            main.addInitialProperty("accs.base-url", sim.baseUrl());
        });

        assertEquals(sim.baseUrl(), baseUrl, "the file's {{accs.base-url}}, not the initial property");
    }

    @Test
    void anOverridePropertyWinsOverTheFile() throws Exception {
        String baseUrl = baseUrlOfTheComponent(main -> {
            main.addInitialProperty("accs.base-url", ELSEWHERE);
            main.addOverrideProperty("camel.component.accs.base-url", sim.baseUrl());
        });

        assertEquals(sim.baseUrl(), baseUrl);
    }

    @Test
    void thePageSaysSo() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "testing-your-routes.md")).replaceAll("\\s+", " ");

        assertTrue(page.contains("an `application.properties` on the class path (a stale copy left in `target/classes`"
                                 + " too) wins for every key it sets"), "docs/testing-your-routes.md, Camel Main");
        assertTrue(page.contains("`main.addOverrideProperty(...)`"), "docs/testing-your-routes.md, Camel Main");
    }

    /** Starts the module's Camel Main (its application.properties and routes) against the simulator. */
    private String baseUrlOfTheComponent(Consumer<Main> layers) throws Exception {
        Main main = new Main();
        layers.accept(main);
        main.addInitialProperty("accs.ims-url", sim.imsUrl());
        main.addInitialProperty("accs.client-id", sim.clientId());
        main.addInitialProperty("accs.client-secret", sim.clientSecret());
        main.start();
        try {
            // the routes' timers call at start-up too: a request to the simulator is where the calls went
            main.getCamelTemplate().requestBodyAndHeader("direct:product", null, "sku", "24-MB01");
            assertTrue(sim.requests("GET", "/V1/products/24-MB01") >= 1);
            return main.getCamelContext().getComponent("accs", AccsComponent.class).getConfiguration().getBaseUrl();
        } finally {
            main.stop();
        }
    }
}
