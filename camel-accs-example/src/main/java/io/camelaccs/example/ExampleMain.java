package io.camelaccs.example;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * Runs the example sync jobs once and prints what they did: catalog export to NDJSON, stock import in bulk, order
 * watch, and (on the simulator) a catalog mirror kept exact by Commerce events and two Commerce webhooks answered
 * by routes. Without tenant settings it starts
 * the embedded ACCS simulator (10 000 products) first.
 */
public final class ExampleMain {

    // numbers print the same in every locale (2,000 and 1.5), so the output reads and compares alike everywhere
    private final PrintStream console;

    ExampleMain(PrintStream console) {
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        int code = new ExampleMain(System.out).run(ExampleSettings.fromEnvironment(System.getenv())).exitCode();
        System.exit(code);
    }

    /** What one run did, for the console and for tests. */
    record Summary(long exported, long totalCount, long stockRows, long ordersSeen, long tokenFetches, long requests,
            Path ndjson, CatalogMirror.Result mirror, CommerceHooks.Result hooks, int exitCode) {
    }

    Summary run(ExampleSettings settings) throws Exception {
        if (!settings.useSimulator()) {
            console.printf(Locale.ROOT, "Tenant %s%n", settings.baseUrl());
            return runJobs(settings, null);
        }
        try (AccsSimulator simulator = AccsSimulator.builder().products(10_000).orders(500)
                .tokenLifetime(Duration.ofSeconds(settings.simulatorTokenLifetimeSeconds()))
                .paas(settings.simulatorPaas()).build().start()) {
            console.printf(Locale.ROOT, "Embedded " + (simulator.isPaas() ? "PaaS" : "ACCS") + " simulator at %s (10,000 products, 500 orders, tokens live %d s), started in %d ms%n",
                    simulator.baseUrl(), settings.simulatorTokenLifetimeSeconds(), simulator.startDuration().toMillis());
            return run(settings, simulator);
        }
    }

    /** Runs the jobs against a simulator the caller started. */
    Summary run(ExampleSettings given, AccsSimulator simulator) throws Exception {
        ExampleSettings settings = given.withTenant(simulator.baseUrl(), simulator.imsUrl(), simulator.clientId(),
                simulator.clientSecret(), simulator.orgId());
        if (settings.stockCsv() == null) {
            settings = settings.withStockCsv(writeStockCsv(simulator, settings.output().resolve("stock.csv")));
        }
        return runJobs(settings, simulator);
    }

    /** @param simulator the embedded simulator, or null against a tenant (job 4 then does not run) */
    private Summary runJobs(ExampleSettings settings, AccsSimulator simulator) throws Exception {
        Path ndjson = settings.output().resolve("products.ndjson");
        OrderWatch orders = new OrderWatch();
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:routes/*.camel.yaml");
        main.configure().addRoutesBuilder(new CatalogExportRoutes());
        main.configure().addRoutesBuilder(new StockImportRoutes());
        main.configure().addRoutesBuilder(orders);
        CatalogMirror mirror = simulator == null ? null
                : new CatalogMirror(simulator, settings.output().resolve("mirror"),
                        settings.output().resolve("mirror-event-ids.txt"), console);
        if (mirror != null) {
            main.configure().addRoutesBuilder(mirror.routes());
            // job 5: hooks need a URL the simulator calls, on an HTTP server of this application's own; against a
            // tenant that would have to be a public https URL, so the job runs on the simulator only
            int port = freePort();
            main.configure().addRoutesBuilder(new CommerceHookRoutes());
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.host", "127.0.0.1");
            main.addInitialProperty("camel.server.port", String.valueOf(port));
            main.addInitialProperty("example.hooks-url", "http://127.0.0.1:" + port);
            // the key the Admin would show (Stores > Settings > Configuration > Adobe Services > Webhooks)
            main.addInitialProperty("example.webhook-key", simulator.commerceWebhooks().publicKeyPem());
        }
        main.addInitialProperty("order-watch.auto-startup", "false");
        main.addInitialProperty("camel.component.accs.base-url", settings.baseUrl());
        main.addInitialProperty("camel.component.accs.client-id", settings.clientId());
        main.addInitialProperty("camel.component.accs.client-secret", settings.clientSecret());
        if (settings.imsUrl() != null) {
            main.addInitialProperty("camel.component.accs.ims-url", settings.imsUrl());
        }
        if (settings.orgId() != null) {
            main.addInitialProperty("camel.component.accs.org-id", settings.orgId());
        }
        if (settings.storeCode() != null) {
            main.addInitialProperty("camel.component.accs.store-code", settings.storeCode());
        }
        if (simulator != null && simulator.isPaas()) {
            // a PaaS shop: the connection settings change, the routes do not
            simulator.componentProperties().forEach((name, value) -> main.addInitialProperty("camel.component.accs."
                                                                                           + name, value));
            // I/O Events (job 4) is an Adobe service on every platform: it keeps the IMS credentials
            main.addInitialProperty("camel.component.accs-events.authenticationType", "CLIENT_CREDENTIALS");
            main.addInitialProperty("camel.component.accs-events.clientId", simulator.clientId());
            main.addInitialProperty("camel.component.accs-events.clientSecret", simulator.clientSecret());
            main.addInitialProperty("camel.component.accs-events.imsUrl", simulator.imsUrl());
            main.addInitialProperty("camel.component.accs-events.orgId", simulator.orgId());
        }
        long started = System.nanoTime();
        try (NdjsonWriter writer = new NdjsonWriter(ndjson, n -> console.printf(Locale.ROOT, "  ... %,d products exported (%,.0f/s)%n", n,
                n / seconds(started)))) {
            main.bind(CatalogExportRoutes.WRITER, writer);
            main.start();
            CamelContext camel = main.getCamelContext();
            AccsComponent accs = camel.getComponent("accs", AccsComponent.class);
            ProducerTemplate template = camel.createProducerTemplate();

            console.printf(Locale.ROOT, "Job 1, catalog export: products updated since %s -> %s%n", settings.since(), ndjson);
            long t1 = System.nanoTime();
            long requests1 = accs.getRequestCount();
            Object total = template.request(CatalogExportRoutes.START, e -> e.setProperty("since", settings.since()))
                    .getProperty("totalCount");
            long exported = writer.lines();
            console.printf(Locale.ROOT, "  %,d products (total_count %s) in %,d pages, %.1f s, %,.0f products/s%n", exported, total,
                    accs.getRequestCount() - requests1, seconds(t1), exported / seconds(t1));

            long rows = 0;
            if (settings.stockCsv() == null) {
                // against a tenant there is no stock to invent: the import runs only on the user's own file
                console.printf(Locale.ROOT, "Job 2, stock import: skipped, no ACCS_STOCK_CSV given (a sku,source_code,quantity file"
                               + " with a header line)%n");
            } else {
                console.printf(Locale.ROOT, "Job 2, stock import: %s in bulk%n", settings.stockCsv());
                long t2 = System.nanoTime();
                List<?> applied = template.requestBody(StockImportRoutes.START, settings.stockCsv(), List.class);
                rows = applied.stream().mapToLong(n -> ((Number) n).longValue()).sum();
                console.printf(Locale.ROOT, "  %,d rows applied in %d bulk requests, %.1f s%n", rows, applied.size(), seconds(t2));
            }

            console.printf(Locale.ROOT, "Job 3, order watch: new and changed orders%n");
            long t3 = System.nanoTime();
            camel.getRouteController().startRoute("order-watch");
            boolean caughtUp = orders.caughtUp().await(60, TimeUnit.SECONDS);
            console.printf(Locale.ROOT, "  %,d orders delivered, %s, %.1f s%n", orders.seen(),
                    caughtUp ? "caught up" : "NOT caught up within 60 s", seconds(t3));

            CatalogMirror.Result mirrored = null;
            if (mirror != null) {
                console.printf(Locale.ROOT, "Job 4, catalog mirror: export into %s, then Commerce events%n",
                        mirror.store().folder());
                mirrored = mirror.run(camel, template);
            } else {
                console.printf(Locale.ROOT, "Job 4, catalog mirror: skipped (it needs the embedded simulator to change the catalog"
                               + " and to compare with)%n");
            }

            CommerceHooks.Result hooks = null;
            if (simulator != null) {
                console.printf(Locale.ROOT, "Job 5, Commerce webhooks: routes Commerce calls during a product save and a"
                               + " shipping estimate%n");
                long t5 = System.nanoTime();
                hooks = new CommerceHooks(simulator, console).run(camel, template);
                console.printf(Locale.ROOT, "  %d hook calls answered by the routes, %.1f s%n", hooks.hookCalls(), seconds(t5));
            } else {
                console.printf(Locale.ROOT, "Job 5, Commerce webhooks: skipped (Commerce would need a public https URL of"
                               + " this application to call)%n");
            }

            long tokens = accs.getTokenFetchCount();
            // job 4 reads the journal with a token of its own (the I/O Events scope): a second first fetch
            int tokenKinds = mirror == null ? 1 : 2;
            console.printf(Locale.ROOT, "Summary: %,d products exported, %,d stock rows applied, %,d orders seen; %,d Commerce requests,"
                           + " %d retries, %d token requests (%d refreshes), %.1f s in all%n",
                    exported, rows, orders.seen(), accs.getRequestCount(), accs.getRetryCount(), tokens,
                    Math.max(0, tokens - tokenKinds), seconds(started));
            long totalCount = total instanceof Number n ? n.longValue() : -1;
            boolean mirrorExact = mirrored == null || mirrored.exact();
            boolean hooksApplied = hooks == null || hooks.applied();
            int exit = caughtUp && exported == totalCount && mirrorExact && hooksApplied ? 0 : 1;
            return new Summary(exported, totalCount, rows, orders.seen(), tokens, accs.getRequestCount(), ndjson,
                    mirrored, hooks, exit);
        } finally {
            main.stop();
        }
    }

    /** Against the simulator: new quantities for the first 2 000 products at the default source. */
    private static Path writeStockCsv(AccsSimulator simulator, Path csv) throws java.io.IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        lines.add("sku,source_code,quantity");
        List<String> skus = simulator.products().skus();
        for (int i = 0; i < Math.min(2_000, skus.size()); i++) {
            lines.add(skus.get(i) + ",default," + (i % 50));
        }
        Files.write(csv, lines, StandardCharsets.UTF_8);
        return csv;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return Math.max(1e-3, (System.nanoTime() - since) / 1e9);
    }
}
