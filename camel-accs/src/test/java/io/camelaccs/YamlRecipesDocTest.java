package io.camelaccs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaccs.test.AccsSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each YAML block of docs/yaml-camel-main.md, "Recipes in YAML", loaded as written by Camel Main against the
 * simulator, with its settings as properties.
 */
class YamlRecipesDocTest {

    private static final Path PAGE = Path.of("..", "docs", "yaml-camel-main.md");

    @TempDir
    Path dir;

    private AccsSimulator sim;
    private Main main;

    @BeforeEach
    void simulator() {
        sim = AccsSimulator.builder().products(5).orders(7).build().start();
        sim.events().retryAfterSeconds(1);
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        sim.close();
    }

    /** The YAML blocks under the page's recipe section, in order. */
    private static List<String> recipes() throws Exception {
        String page = Files.readString(PAGE);
        String section = page.substring(page.indexOf("## Recipes in YAML"));
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertEquals(4, blocks.size(), "the page's recipes");
        return blocks;
    }

    private void start(Map<String, String> settings, String... yaml) throws Exception {
        Properties props = new Properties();
        sim.componentProperties().forEach((k, v) -> props.setProperty("camel.component.accs." + k, v));
        settings.forEach(props::setProperty);
        StringBuilder include = new StringBuilder();
        for (int i = 0; i < yaml.length; i++) {
            Path file = dir.resolve("recipe" + i + ".camel.yaml");
            Files.writeString(file, yaml[i]);
            include.append(i == 0 ? "" : ",").append("file:").append(file);
        }
        props.setProperty("camel.main.routes-include-pattern", include.toString());
        main = new Main();
        main.setOverrideProperties(props);
        main.start();
    }

    @Test
    void aSyncWithAStateRepositoryBeanWritesEachOrderAndItsPosition() throws Exception {
        Path out = dir.resolve("orders");
        Path state = dir.resolve("positions.dat");
        start(Map.of("sync.state-file", state.toString(), "sync.out-dir", out.toString()), recipes().get(0));

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(out) && Files.list(out).count() == 7
                                                           && Files.exists(state)
                                                           && Files.readString(state).contains("accs:orders"));
        assertTrue(Files.readString(out.resolve("order-3.json")).contains("\"entity_id\":3"));
    }

    @Test
    void aCsvFileOfPricesBecomesOneBulkRequest() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        List<String> skus = sim.products().skus();
        start(Map.of("prices.in-dir", in.toString()), recipes().get(1));

        Files.writeString(in.resolve("prices.csv"), "sku,price\n" + skus.get(0) + ",10.5\n" + skus.get(1) + ",20\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.requests("PUT", "/V1/async/bulk/products/bySku") == 1);
        String body = sim.lastRequest("PUT", "/V1/async/bulk/products/bySku").body();
        assertTrue(body.startsWith("[") && body.contains("\"price\":10.5") && body.contains(skus.get(1)), body);
    }

    @Test
    void onExceptionOnTheStatusAnswersA404AndLetsOtherFailuresFail() throws Exception {
        start(Map.of(), recipes().get(2));

        Object missing = main.getCamelTemplate().requestBodyAndHeader("direct:productOrMissing", null, "sku", "NOPE",
                String.class);

        assertEquals("{\"sku\":\"NOPE\",\"missing\":true}", missing);
        Object found = main.getCamelTemplate().requestBodyAndHeader("direct:productOrMissing", null, "sku",
                sim.products().skus().get(0));
        assertTrue(found instanceof Map, String.valueOf(found));
    }

    @Test
    void commerceEventsBecomeFiles() throws Exception {
        Path out = dir.resolve("events");
        Path state = dir.resolve("positions.dat");
        List<String> recipes = recipes();
        start(Map.of("sync.state-file", state.toString(), "sync.out-dir", dir.resolve("orders").toString(),
                "events.journal-url", sim.journalUrl(), "events.out-dir", out.toString()), recipes.get(0),
                recipes.get(3));

        sim.products().update(sim.products().skus().get(0), p -> p.put("name", "Renamed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(out) && Files.list(out).count() == 1);
        String event = Files.readString(Files.list(out).findFirst().orElseThrow());
        assertTrue(event.contains("catalog_product_save_commit_after"), event);
    }
}
