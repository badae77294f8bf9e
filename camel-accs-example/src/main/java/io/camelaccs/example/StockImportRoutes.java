package io.camelaccs.example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;

/**
 * Job 2, stock import: a CSV of {@code sku,source_code,quantity} pushed as source-item updates in bulk, one bulk
 * operation per row so that Commerce reports a bad row on its own, and waits until Commerce has applied them.
 */
final class StockImportRoutes extends RouteBuilder {

    static final String START = "direct:stock-import";
    /** Rows per bulk request. */
    static final int BATCH = 500;

    @Override
    public void configure() {
        from(START).routeId("stock-import")
                .process(e -> e.getMessage().setBody(batches(e.getMessage().getBody(Path.class))))
                // the bulk results, gathered: one operation count per bulk request
                .split(body(), AggregationStrategies.flexible(Object.class).accumulateInCollection(ArrayList.class))
                    .to("accs:post:/V1/inventory/source-items?mode=bulk&waitForCompletion=true&completionTimeout=60000")
                    .setBody(simple("${body[operation_count]}"))
                .end();
    }

    /** The CSV as lists of bulk operations, each {@code {"sourceItems": [row]}}. */
    static List<List<Map<String, Object>>> batches(Path csv) throws java.io.IOException {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            line++;
            if (line == 1 && row.startsWith("sku,") || row.isBlank()) {
                continue;
            }
            // the SKU may hold spaces, slashes and '+', never a comma; the last two columns are plain
            int last = row.lastIndexOf(',');
            int middle = row.lastIndexOf(',', last - 1);
            if (middle <= 0) {
                throw new IllegalArgumentException("Line " + line + " of " + csv + " is not sku,source_code,quantity: " + row);
            }
            double quantity = Double.parseDouble(row.substring(last + 1).trim());
            batch.add(Map.of("sourceItems", List.of(Map.of("sku", row.substring(0, middle),
                    "source_code", row.substring(middle + 1, last).trim(), "quantity", quantity,
                    "status", quantity > 0 ? 1 : 0))));
            if (batch.size() == BATCH) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
