package io.camelaccs.component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe recipe of docs/observability.md on Camel Main's management server: a Commerce outage makes
 * {@code /observe/health/ready} answer 503 and leaves {@code /observe/health/live} at 200.
 */
class CamelMainProbesTest {

    /** The page's Camel Main settings. */
    private static final String[] SETTINGS = { "camel.management.enabled=true",
                                               "camel.management.health-check-enabled=true",
                                               "camel.health.producers-enabled=true" };

    @Test
    void aCommerceOutageMakesReadyAnswer503AndLeavesLiveUp() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "observability.md"));
        int port = AvailablePortFinder.getNextAvailable();
        try (AccsSimulator sim = AccsSimulator.builder().products(5).build().start()) {
            Main main = new Main();
            Properties props = new Properties();
            for (String setting : SETTINGS) {
                assertTrue(page.contains(setting + "\n"), "the page shows " + setting);
                props.setProperty(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            props.setProperty("camel.management.port", String.valueOf(port));
            props.setProperty("camel.component.accs.max-retries", "0");
            sim.componentProperties().forEach((k, v) -> props.setProperty("camel.component.accs." + k, v));
            main.setOverrideProperties(props);
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:product").routeId("product").to("accs:get:/V1/products/{sku}");
                }
            });
            main.start();
            try {
                String sku = sim.products().skus().get(0);
                assertEquals(200, get(port, "/observe/health/ready").statusCode(), "ready before any request");
                sim.faults().serverError(1, 503);
                assertThrows(CamelExecutionException.class,
                        () -> main.getCamelTemplate().requestBodyAndHeader("direct:product", null, "sku", sku));

                HttpResponse<String> ready = get(port, "/observe/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertEquals(200, get(port, "/observe/health/live").statusCode(), "a restart would cure nothing");
                HttpResponse<String> full = get(port, "/observe/health?exposureLevel=full");
                assertTrue(full.body().contains("producer:accs-product"), full.body());
            } finally {
                main.stop();
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
