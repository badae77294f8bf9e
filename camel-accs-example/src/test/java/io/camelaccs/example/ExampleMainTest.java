package io.camelaccs.example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.test.AccsSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleMainTest {

    @TempDir
    Path dir;

    private ExampleSettings settings() {
        Map<String, String> env = new HashMap<>();
        env.put("ACCS_EXAMPLE_OUTPUT", dir.toString());
        return ExampleSettings.fromEnvironment(env);
    }

    @Test
    void jobsExportEveryProductOnceApplyEveryRowAndSeeEveryOrder() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (AccsSimulator simulator = AccsSimulator.builder().products(2_000).orders(120).build().start()) {
            ExampleMain.Summary summary = new ExampleMain(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(settings(), simulator);

            assertEquals(0, summary.exitCode(), console.toString(StandardCharsets.UTF_8));
            // the NDJSON holds each product of the store exactly once, as the store has it
            List<String> lines = Files.readAllLines(summary.ndjson(), StandardCharsets.UTF_8);
            ObjectMapper json = new ObjectMapper();
            Map<String, Long> perSku = lines.stream().map(l -> read(json, l).get("sku").asText())
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertEquals(simulator.products().size(), lines.size());
            assertEquals(simulator.products().size(), perSku.size(), "no product twice");
            for (String line : lines) {
                JsonNode exported = read(json, line);
                assertEquals(simulator.products().get(exported.get("sku").asText()).orElseThrow(), exported);
            }
            // every CSV row applied: quantity i % 50 at the default source
            List<String> rows = Files.readAllLines(dir.resolve("stock.csv"), StandardCharsets.UTF_8);
            assertEquals(rows.size() - 1, summary.stockRows());
            for (String row : rows.subList(1, rows.size())) {
                int last = row.lastIndexOf(',');
                int middle = row.lastIndexOf(',', last - 1);
                JsonNode item = simulator.sourceItems().get(row.substring(0, middle), "default").orElseThrow();
                assertEquals(Double.parseDouble(row.substring(last + 1)), item.get("quantity").asDouble(), row);
            }
            assertEquals(120, summary.ordersSeen(), "the YAML order watch delivered every order");
            assertTrue(console.toString(StandardCharsets.UTF_8).contains("Summary: 2,000 products exported"));
        }
    }

    @Test
    void shortLivedTokensAreRefreshedAndTheExportStillComplete() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (AccsSimulator simulator = AccsSimulator.builder().products(2_000).orders(50)
                .tokenLifetime(Duration.ofSeconds(1)).build().start()) {
            ExampleMain.Summary summary = new ExampleMain(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(settings(), simulator);

            String out = console.toString(StandardCharsets.UTF_8);
            assertEquals(0, summary.exitCode(), out);
            assertEquals(2_000, summary.exported());
            assertTrue(summary.tokenFetches() > 1, "tokens were refreshed: " + out);
            assertTrue(out.contains("refreshes)") && !out.contains("(0 refreshes)"), out);
        }
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
