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

    /** The one setting of docs/paas.md: the same jobs and routes against a PaaS shop, every request signed. */
    @Test
    void theJobsRunOnPaasWithOneSetting() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ACCS_EXAMPLE_OUTPUT", dir.toString());
        env.put("ACCS_SIMULATOR_PLATFORM", "PAAS");
        ExampleSettings paas = ExampleSettings.fromEnvironment(env);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (AccsSimulator simulator = AccsSimulator.builder().products(600).orders(40)
                .paas(paas.simulatorPaas()).build().start()) {
            ExampleMain.Summary summary = new ExampleMain(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(paas, simulator);

            String out = console.toString(StandardCharsets.UTF_8);
            assertEquals(0, summary.exitCode(), out);
            assertEquals(600, summary.exported(), out);
            assertEquals(40, summary.ordersSeen(), out);
            assertTrue(summary.stockRows() > 0, out);
            assertTrue(simulator.paas().signedRequests() >= summary.requests(), "every Commerce request signed: "
                                                                              + simulator.paas().signedRequests());
            assertEquals(0, simulator.paas().refusedSignatures());
            assertTrue(simulator.requests("POST", "/async/bulk/V1/") > 0, "the stock import's bulks on PaaS paths");
        }
    }

    @Test
    void jobsExportEveryProductOnceApplyEveryRowAndSeeEveryOrder() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (AccsSimulator simulator = AccsSimulator.builder().products(2_000).orders(120).build().start()) {
            ExampleMain.Summary summary = new ExampleMain(new PrintStream(console, true, StandardCharsets.UTF_8))
                    .run(settings(), simulator);

            assertEquals(0, summary.exitCode(), console.toString(StandardCharsets.UTF_8));
            // the NDJSON holds each product of the store exactly once, as the store had it: job 4 changes the
            // catalog afterwards, so a product is either as exported, changed later, or deleted later
            List<String> lines = Files.readAllLines(summary.ndjson(), StandardCharsets.UTF_8);
            ObjectMapper json = new ObjectMapper();
            Map<String, Long> perSku = lines.stream().map(l -> read(json, l).get("sku").asText())
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertEquals(2_000, lines.size());
            assertEquals(2_000, perSku.size(), "no product twice");
            int unchanged = 0;
            for (String line : lines) {
                JsonNode exported = read(json, line);
                JsonNode now = simulator.products().get(exported.get("sku").asText()).orElse(null);
                if (now != null && now.get("updated_at").equals(exported.get("updated_at"))) {
                    assertEquals(now, exported);
                    unchanged++;
                }
            }
            assertTrue(unchanged > 1_000, unchanged + " products unchanged by job 4");
            // every CSV row applied: quantity i % 50 at the default source (unless job 4 deleted the product since)
            List<String> rows = Files.readAllLines(dir.resolve("stock.csv"), StandardCharsets.UTF_8);
            assertEquals(rows.size() - 1, summary.stockRows());
            int checked = 0;
            for (String row : rows.subList(1, rows.size())) {
                int last = row.lastIndexOf(',');
                int middle = row.lastIndexOf(',', last - 1);
                String sku = row.substring(0, middle);
                if (simulator.products().get(sku).isEmpty()) {
                    continue;
                }
                checked++;
                JsonNode item = simulator.sourceItems().get(sku, "default").orElseThrow();
                assertEquals(Double.parseDouble(row.substring(last + 1)), item.get("quantity").asDouble(), row);
            }
            assertTrue(checked > 1_500, checked + " rows checked");
            assertEquals(120, summary.ordersSeen(), "the YAML order watch delivered every order");
            String out = console.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("Summary: 2,000 products exported"), out);
            // job 4: the mirror equals the catalog after 600 changes made while it was built, although the journal
            // delivered some events twice and some after an event published later
            assertTrue(out.contains("mirror: 2,000 products, 0 differences (450 saves, 150 deletes received;"), out);
            CatalogMirror.Result mirror = summary.mirror();
            assertEquals(0, mirror.differences());
            assertTrue(mirror.duplicates() > 0, "duplicates were delivered: " + out);
            assertTrue(mirror.reordered() > 0, "events were delivered out of order: " + out);
            assertEquals(simulator.products().size(), mirror.products());
            assertEquals(150, mirror.tombstones(), "each deleted product remembered as deleted");
            try (var files = Files.list(dir.resolve("mirror"))) {
                assertEquals(simulator.products().size() + 150, files.count(),
                        "one file per product or tombstone, none left over");
            }
            assertTrue(Files.size(dir.resolve("mirror-event-ids.txt")) > 0, "the event ids are kept in a file");

            // job 5: Commerce applied the routes' answers to its own operations, and the console says so
            assertTrue(out.contains("product save \"Free Replica Watch\": refused by Commerce with the route's message"
                                    + " \"The product name \"Free Replica Watch\" contains the word \"free\", which this"
                                    + " store does not allow\""), out);
            assertTrue(out.contains("product save \"Canvas Tote Bag\": saved"), out);
            assertTrue(out.contains("(2 items to US): flatrate/flatrate 10.00, tablerate/bestway 15.00,"
                                    + " camelexpress/express 9.50; camelexpress added by the route from the rate service"),
                    out);
            CommerceHooks.Result hooks = summary.hooks();
            assertEquals(0, new java.math.BigDecimal("9.50").compareTo(hooks.addedRate()), out);
            String renamed = simulator.products().skus().get(0);
            assertEquals("Canvas Tote Bag", simulator.products().get(renamed).orElseThrow().get("name").asText(),
                    "the refused name never reached the catalog; the allowed one did");
            assertEquals(2, simulator.commerceWebhooks().list().size(), "each route subscribed its own hook");
            assertEquals(3, simulator.commerceWebhooks().calls(), "Commerce called a hook for each save and the estimate: " + out);
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
