package io.camelaccs.docs;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.docs.DocBlocks.Block;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Java and YAML block of README.md and docs/*.md is run by a test, so the docs cannot drift: each is either
 * (a) already run by another doc test, found by its text in a test source or named in {@link #READ_BY} with the
 * test that reads it from the page, (b) run here, as the page writes it ({@link #RUN}), or (c) in the short
 * {@link #ALLOWED} list with the reason it cannot run in this module. Every properties block is parsed, and a
 * {@code camel.component.accs*} key must name a real option of the component's catalog.
 *
 * <p>Java fragments are put where a user puts them (route fragments in a RouteBuilder's {@code configure()},
 * classes as their own compilation unit) with the imports a user would write, compiled in memory against the test
 * classpath, and their routes started on a CamelContext pointed at the simulator. Folders the snippets name
 * ({@code inbox/...}, {@code /var/lib/...}) are moved under a temporary folder; nothing else is changed.
 */
class DocSnippetsTest {

    private static final String IMPORTS = """
            import java.io.File;
            import java.sql.Connection;
            import java.sql.PreparedStatement;
            import java.sql.ResultSet;
            import java.sql.SQLException;
            import java.util.*;
            import java.util.function.Supplier;
            import javax.sql.DataSource;
            import org.apache.camel.CamelContext;
            import org.apache.camel.Exchange;
            import org.apache.camel.LoggingLevel;
            import org.apache.camel.builder.RouteBuilder;
            import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
            import org.apache.camel.component.file.cluster.FileLockClusterService;
            import org.apache.camel.main.Main;
            import org.apache.camel.support.processor.state.FileStateRepository;
            import io.camelaccs.dsl.component.AccsComponentBuilderFactory;
            import io.camelaccs.dsl.endpoint.AccsEndpointBuilderFactory.AccsBuilders;
            import io.camelaccs.events.AccsEventsException;
            import io.camelaccs.ims.AccsAuthenticationException;
            import io.camelaccs.ims.TokenStore;
            import io.camelaccs.rest.AccsApiException;
            import io.camelaccs.rest.AccsBulkException;
            import io.camelaccs.rest.AccsPermissionException;
            import io.camelaccs.rest.AccsResponseBindingException;
            import io.camelaccs.rest.FilterSyntaxException;
            import io.camelaccs.rest.SearchCriteria;
            import io.camelaccs.rest.SearchCriteria.Direction;
            import io.camelaccs.rest.SearchCriteria.Filter;
            """;

    /** Blocks another doc test reads from the page and runs: the test's source and what it looks for. */
    private static final Map<String, String[]> READ_BY = Map.ofEntries(
            Map.entry("docs/searching-and-paging.md | from(\"direct:export\")",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/FileSnippetsDocTest.java", "### parallelism" }),
            Map.entry("docs/retries-and-errors.md | onException(AccsApiException.class)",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/FileSnippetsDocTest.java",
                                   "### AccsApiException" }),
            Map.entry("docs/events.md | from(\"accs-events:journal?journalUrl=\" + journalUrl + \"&since=\" + since"
                      + " + \"&syncId=catalog-mirror\"",
                    new String[] { "camel-accs-example/src/test/java/io/camelaccs/example/EventsDocTest.java",
                                   "The example's mirror job" }),
            Map.entry("docs/camel-jbang-and-camel-k.md | apiVersion: camel.apache.org/v1",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/kamelet/PipeDocTest.java", "### A Pipe" }),
            Map.entry("docs/yaml-camel-main.md | - beans:",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/YamlRecipesDocTest.java",
                                   "## Recipes in YAML" }),
            Map.entry("docs/yaml-camel-main.md | - route: … id: prices-csv-to-bulk",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/YamlRecipesDocTest.java",
                                   "## Recipes in YAML" }),
            Map.entry("docs/yaml-camel-main.md | - route: … id: events-to-files",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/YamlRecipesDocTest.java",
                                   "## Recipes in YAML" }),
            Map.entry("docs/yaml-camel-main.md | - onException:",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/YamlRecipesDocTest.java",
                                   "## Recipes in YAML" }),
            Map.entry("docs/scale-out.md | public class ZooKeeperCluster implements CamelConfiguration {",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/scaleout/ScaleOutDocTest.java",
                                   "ZooKeeperCluster implements CamelConfiguration" }),
            Map.entry("docs/scale-out.md | apiVersion: rbac.authorization.k8s.io/v1",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/scaleout/ScaleOutDocTest.java",
                                   "\"kind: Role\"" }),
            Map.entry("docs/webhooks.md | from(\"accs-webhook:/hooks/product-save?publicKey={{commerce.webhook-key}}\"",
                    new String[] { "camel-accs/src/test/java/io/camelaccs/webhook/WebhooksDocTest.java",
                                   "### Subscribing from the route" }),
            Map.entry("docs/webhooks.md | - route:",
                    new String[] { "camel-accs-example-yaml/src/test/java/io/camelaccs/example/yaml/"
                                   + "WebhooksYamlDocTest.java", "## YAML DSL" }));

    /**
     * Blocks that cannot run in this module, each with why. "pending" ones are on pages another change owns; they
     * leave this list when a test runs them.
     */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("docs/observability.md | livenessProbe:", "a Kubernetes pod spec fragment: no cluster here"));

    /** Blocks run here, each by its own check. */
    private static final Map<String, Runner> RUN = runners();

    private static Path work;
    private static Map<String, SnippetCompiler.Result> compiled;

    // ---------------------------------------------------------------------------------------------------------------
    // (a) + (b) + (c): every block is accounted for

    @Test
    void everyJavaAndYamlBlockIsRunByATest() throws Exception {
        Map<String, String> tests = testSources();
        List<String> missing = new ArrayList<>();
        Map<String, Integer> by = new TreeMap<>();
        Set<String> used = new TreeSet<>();
        for (Block block : DocBlocks.all()) {
            if (!block.lang().equals("java") && !block.lang().equals("yaml")) {
                continue;
            }
            String text = DocBlocks.normalized(block.text());
            String how;
            if (RUN.containsKey(block.key())) {
                how = "run by DocSnippetsTest";
            } else if (READ_BY.containsKey(block.key())) {
                String[] reader = READ_BY.get(block.key());
                String source = tests.get(reader[0]);
                assertNotNull(source, block + ": " + reader[0] + " exists");
                String page = block.page().substring(block.page().lastIndexOf('/') + 1);
                assertTrue(source.contains(page) && source.contains(reader[1]),
                        block + ": " + reader[0] + " reads " + page + " at " + reader[1]);
                how = "read from the page by another test";
            } else if (tests.values().stream().anyMatch(t -> t.contains(text))) {
                how = "its text in another test";
                if (ALLOWED.containsKey(block.key())) {
                    // another change's test came: the entry can go (not a failure, that change may not know this list)
                    System.out.println("ALLOWED entry no longer needed: " + block.key());
                }
            } else if (ALLOWED.containsKey(block.key())) {
                how = ALLOWED.get(block.key()).startsWith("pending") ? "allowed: pending" : "allowed";
            } else {
                missing.add(block.toString());
                continue;
            }
            used.add(block.key());
            by.merge(how, 1, Integer::sum);
        }
        System.out.println("doc blocks (java, yaml): " + by);
        assertEquals(List.of(), missing, "blocks no test runs: run them in a doc test, or (only if they cannot run)"
                                         + " add them to ALLOWED with the reason");
        Set<String> stale = new TreeSet<>();
        Stream.of(RUN.keySet(), READ_BY.keySet(), ALLOWED.keySet()).flatMap(Set::stream)
                .filter(k -> !used.contains(k) && !RUN.containsKey(k)).forEach(stale::add);
        // pages another change is editing may drop or reword a pending block at any time
        stale.removeIf(k -> ALLOWED.getOrDefault(k, "").startsWith("pending")
                            && System.out.printf("pending ALLOWED entry names no block now: %s%n", k) != null);
        assertEquals(Set.of(), stale, "entries that name no block any more");
    }

    /** Test sources of every module, normalized, by path from the project root. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> modules = Files.list(DocBlocks.ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/test"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/test"))) {
                    for (Path file : files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().matches("DocSnippetsTest\\.java|.*\\.(jar|class|p12|jks)"))
                            .toList()) {
                        String name = DocBlocks.ROOT.relativize(file).toString().replace('\\', '/');
                        try {
                            sources.put(name, DocBlocks.normalized(Files.readString(file)));
                        } catch (IOException | UncheckedIOException binary) {
                            // not text: it holds no snippet
                        }
                    }
                }
            }
        }
        return sources;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // properties

    @Test
    void everyPropertiesBlockParsesAndNamesRealOptions() throws Exception {
        Map<String, Set<String>> catalog = Map.of(
                "accs", options("component/accs.json"),
                "accs-events", options("events/accs-events.json"),
                "accs-webhook", options("webhook/accs-webhook.json"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Block block : DocBlocks.all()) {
            if (!block.lang().equals("properties")) {
                continue;
            }
            Properties props = new Properties();
            props.load(new StringReader(block.text()));
            checked++;
            Map<String, String> schemes = new LinkedHashMap<>();
            catalog.keySet().forEach(s -> schemes.put(s, s));
            // a second instance registered as a bean takes the options of its class
            for (String key : props.stringPropertyNames()) {
                Matcher bean = Pattern.compile("camel\\.beans\\.([\\w-]+)").matcher(key);
                String value = props.getProperty(key).strip();
                if (bean.matches() && value.startsWith("#class:io.camelaccs.")) {
                    String type = value.substring("#class:".length()).replaceAll("\\(.*", "");
                    schemes.put(bean.group(1), type.endsWith("AccsEventsComponent") ? "accs-events"
                            : type.endsWith("AccsWebhookComponent") ? "accs-webhook" : "accs");
                }
            }
            for (String key : props.stringPropertyNames()) {
                Matcher m = Pattern.compile("camel\\.component\\.([\\w-]+?)\\.([\\w-]+)").matcher(key);
                if (m.matches() && schemes.containsKey(m.group(1))
                    && !catalog.get(schemes.get(m.group(1))).contains(camelCase(m.group(2)))) {
                    wrong.add(block + ": " + key);
                }
            }
        }
        assertTrue(checked >= 15, "found the properties blocks");
        assertEquals(List.of(), wrong, "keys that name no option of the component");
    }

    private static Set<String> options(String json) throws IOException {
        Path file = Path.of("src/generated/resources/META-INF/io/camelaccs", json);
        JsonNode node = new ObjectMapper().readTree(file.toFile()).path("componentProperties");
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        assertFalse(names.isEmpty(), json);
        return names;
    }

    private static String camelCase(String kebab) {
        Matcher m = Pattern.compile("-(\\w)").matcher(kebab);
        return m.replaceAll(r -> r.group(1).toUpperCase());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b): the runs

    @BeforeAll
    static void compileAll() throws IOException {
        work = Files.createTempDirectory("doc-snippets");
        Map<String, Block> blocks = byKey();
        compiled = new LinkedHashMap<>();
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, Runner> run : RUN.entrySet()) {
            n++;
            Block block = blocks.get(run.getKey());
            if (block != null && run.getValue().java != null) {
                sources.put(run.getKey(), run.getValue().java.sources(block, "snippets.s" + n, work.resolve("s" + n),
                        blocks));
            }
        }
        SnippetCompiler compiler = new SnippetCompiler();
        Map<String, String> together = new LinkedHashMap<>();
        sources.values().forEach(together::putAll);
        SnippetCompiler.Result all = compiler.compile(together);
        // one javac for all is several times faster; only a failure is worth compiling each apart to name it
        sources.forEach((key, units) -> compiled.put(key, all.errors() == null ? all : compiler.compile(units)));
    }

    @AfterAll
    static void clean() throws IOException {
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Most of a run is waiting (a timer's first second, a consumer's first poll), so the runs go four at a time,
     * each on its own simulator and context; each dynamic test reports its own.
     */
    @TestFactory
    List<DynamicTest> theSnippetsRun() {
        Map<String, Block> blocks = byKey();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Runner> run : RUN.entrySet()) {
            n++;
            String pkg = "snippets.s" + n;
            Path dir = work.resolve("s" + n);
            String key = run.getKey();
            Future<?> done = pool.submit(() -> {
                Block block = blocks.get(key);
                assertNotNull(block, "the page still has the block " + key);
                Files.createDirectories(dir);
                Runner runner = run.getValue();
                SnippetCompiler.Result result = runner.java == null ? null : compiled.get(key);
                Class<?> main = result == null ? null : result.load(pkg + "." + runner.java.mainClass(block));
                runner.check.run(block, main, dir);
                return null;
            });
            tests.add(DynamicTest.dynamicTest(key, () -> {
                try {
                    done.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause();
                }
            }));
        }
        pool.shutdown();
        return tests;
    }

    private static Map<String, Block> byKey() {
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (Block block : DocBlocks.all()) {
            if (blocks.putIfAbsent(block.key(), block) != null && RUN.containsKey(block.key())) {
                throw new IllegalStateException("two blocks are named " + block.key());
            }
        }
        return blocks;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // how a snippet becomes Java

    @FunctionalInterface
    interface Check {
        void run(Block block, Class<?> compiled, Path dir) throws Exception;
    }

    enum Shape {
        /** Statements of a RouteBuilder's configure(), as route fragments are written. */
        CONFIGURE,
        /** A whole class. */
        CLASS,
        /** A class, then statements that use a variable {@code camelContext}. */
        CLASS_THEN_STATEMENTS
    }

    /**
     * @param members fields and nested classes the page speaks of but does not show (a bean, a helper class)
     * @param prefix  what makes a bare fragment a statement (a {@code from(...)} before a lone {@code .to(...)})
     * @param suffix  its end
     * @param after   statements after the snippet's in configure(): the routes its endpoints send to
     * @param with    other blocks of the page: after this one's statements in configure(), or as classes of the
     *                same package
     */
    record Java(Shape shape, String members, String prefix, String suffix, String after, List<String> with) {

        String mainClass(Block block) {
            return shape == Shape.CONFIGURE ? "Snippet" : className(block.text());
        }

        Map<String, String> sources(Block block, String pkg, Path dir, Map<String, Block> blocks) {
            Map<String, String> units = new LinkedHashMap<>();
            String header = "package " + pkg + ";\n" + IMPORTS;
            String text = localized(block.text(), dir);
            switch (shape) {
                case CONFIGURE -> {
                    StringBuilder body = new StringBuilder(prefix).append(text).append(suffix).append('\n');
                    for (String other : with) {
                        body.append(localized(blocks.get(other).text(), dir)).append('\n');
                    }
                    body.append(after);
                    units.put(pkg + ".Snippet", header + "public class Snippet extends RouteBuilder {\n" + members
                            + "\n@Override\npublic void configure() throws Exception {\n" + body + "\n}\n}\n");
                }
                case CLASS -> {
                    units.put(pkg + "." + className(text), header + text);
                    for (String other : with) {
                        String companion = localized(blocks.get(other).text(), dir);
                        units.put(pkg + "." + className(companion), header + companion);
                    }
                }
                case CLASS_THEN_STATEMENTS -> {
                    int end = text.indexOf("\n}\n") + 3;
                    units.put(pkg + "." + className(text), header + text.substring(0, end));
                    units.put(pkg + ".Register", header + "public class Register {\n"
                            + "public static void run(CamelContext camelContext) throws Exception {\n"
                            + text.substring(end) + "\n}\n}\n");
                }
                default -> throw new IllegalStateException();
            }
            return units;
        }

        private static String className(String text) {
            Matcher m = Pattern.compile("class (\\w+)").matcher(text);
            assertTrue(m.find(), text);
            return m.group(1);
        }
    }

    /** Relative folders and absolute ones of a server go under the test's folder. */
    static String localized(String text, Path dir) {
        String base = dir.toAbsolutePath().toString().replace('\\', '/');
        return text.replaceAll("\"file:(?![/{])", "\"file:" + Matcher.quoteReplacement(base) + "/")
                .replaceAll("([\"'])/(var|shared|data)/", "$1" + Matcher.quoteReplacement(base) + "/$2/");
    }

    record Runner(Java java, Check check) {
    }

    private static Runner routes(Check check) {
        return routes("", "", check);
    }

    private static Runner routes(String members, String after, Check check) {
        return new Runner(new Java(Shape.CONFIGURE, members, "", "", after, List.of()), check);
    }

    private static Runner unit(Shape shape, Check check, String... with) {
        return new Runner(new Java(shape, "", "", "", "", List.of(with)), check);
    }

    private static Runner yaml(Check check) {
        return new Runner(null, check);
    }

    private static SnippetRun run(AccsSimulator.Builder sim, Path dir) throws Exception {
        return new SnippetRun(sim.build().start(), dir);
    }

    private static AccsSimulator.Builder sim() {
        return AccsSimulator.builder().products(20).orders(10);
    }

    private static RoutesBuilder instance(Class<?> type) throws Exception {
        return (RoutesBuilder) type.getDeclaredConstructor().newInstance();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the runs, page by page

    private static Map<String, Runner> runners() {
        Map<String, Runner> run = new LinkedHashMap<>();
        readme(run);
        gettingStarted(run);
        authentication(run);
        bulkAndAsync(run);
        incrementalSync(run);
        searchingAndPaging(run);
        retriesAndErrors(run);
        events(run);
        camelJbang(run);
        yamlCamelMain(run);
        return run;
    }

    private static void readme(Map<String, Runner> run) {
        run.put("README.md | from(\"timer:stock?period=60000\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.property("accs.journal-url", r.sim.journalUrl());
                r.routes(instance(type)).start();
                r.awaitCompleted("timer://stock");
                assertTrue(r.sim.requests("GET", "/V1/products/24-MB01") > 0, "the price lookup called Commerce");

                Exchange export = r.context.createProducerTemplate().send("direct:export",
                        e -> e.setProperty("since", "2025-01-01 00:00:00"));
                assertEquals(null, export.getException());
                assertEquals(20, r.mock("kafka:products").getReceivedCounter(), "every product, as JSON");
                assertTrue(r.mock("kafka:products").getReceivedExchanges().get(0).getMessage().getBody(String.class)
                        .startsWith("{\"id\":"), "each product marshalled to JSON text");

                r.awaitReceived("kafka:orders", 10);

                r.sim.events().publishSynthetic(3);
                r.awaitReceived("kafka:catalog-events", 3);
            }
        }));
    }

    private static void gettingStarted(Map<String, Runner> run) {
        String page = "docs/getting-started.md | ";
        run.put(page + "public class ProductRoutes extends RouteBuilder {", unit(Shape.CLASS, (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.awaitCompleted("timer://price");
                        assertTrue(r.sim.requests("GET", "/V1/products/24-MB01") > 0);
                    }
                }));
        run.put(page + "from(\"file:inbox/products?move=done\").to(\"accs:post:/V1/products\");",
                routes((block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        Path inbox = Files.createDirectories(dir.resolve("inbox/products"));
                        Files.writeString(inbox.resolve("new.json"), "{\"product\":{\"sku\":\"DOC-1\",\"name\":\"Doc\","
                                + "\"price\":9,\"attribute_set_id\":4,\"type_id\":\"simple\"}}");
                        await().until(() -> !r.failures.isEmpty() || Files.exists(inbox.resolve("done/new.json")));
                        r.assertNoFailures();
                        assertTrue(r.sim.products().get("DOC-1").isPresent(), "the file's product was saved");
                    }
                }));
        run.put(page + "from(\"timer:catalog?repeatCount=1\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                r.awaitCompleted("timer://catalog");
                assertTrue(r.sim.requests("GET", "/V1/products") > 0);
            }
        }));
        run.put(page + "from(\"accs:get:/V1/orders?incrementalField=updated_at&since=2025-01-01 00:00:00&delay=60000\"",
                routes((block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.bind("watermarks", new MemoryStateRepository()).routes(instance(type)).start();
                        // the simulator's orders date from 2025: on it, the page's since delivers every one
                        await().until(() -> !r.failures.isEmpty()
                                || r.completed.stream().filter(u -> u.startsWith("accs://get:/V1/orders")).count() >= 10);
                        r.assertNoFailures();
                        assertEquals(10, r.completed.stream().filter(u -> u.startsWith("accs://get:/V1/orders")).count());
                    }
                }));
        // main.run() runs until the JVM stops: compiled with the page's ProductRoutes, which it names
        run.put(page + "public final class Application {", unit(Shape.CLASS, (block, type, dir) ->
                assertNotNull(type.getMethod("main", String[].class)),
                page + "public class ProductRoutes extends RouteBuilder {"));
        run.put(page + "onException(AccsApiException.class)", routes("",
                "from(\"direct:probe\").to(\"accs:get:/V1/products/{sku}\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.send("direct:probe", null, Map.of("sku", "NOPE"));   // handled: no exception
                    }
                }));
        run.put(page + "from(\"platform-http:/products/{sku}\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                Exchange e = r.send("platform-http:/products/{sku}", null,
                        Map.of("sku", "24-MB01", "X-Correlation-Id", "c-1", "Kafka.KEY", "never sent"));
                assertEquals("24-MB01", e.getMessage().getBody(Map.class).get("sku"));
            }
        }));
        run.put(page + "from(\"direct:copyProduct\")",
                routes((block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.accsComponent("accsUs").routes(instance(type)).start();
                        r.send("direct:copyProduct", null, Map.of("sku", "24-MB01"));
                        assertTrue(r.sim.requests("PUT", "/V1/products/24-MB01") > 0, "written by the second instance");
                    }
                }));
        run.put(page + "public class ProductRoutes extends EndpointRouteBuilder implements AccsBuilders {",
                unit(Shape.CLASS_THEN_STATEMENTS, (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        Exchange e = r.send("direct:bags", null, Map.of());
                        assertNull(e.getException());
                        assertTrue(r.sim.requests("GET", "/V1/products") > 0);
                    }
                    CamelContext other = new org.apache.camel.impl.DefaultCamelContext();
                    type.getClassLoader().loadClass(type.getPackageName() + ".Register").getMethod("run",
                            CamelContext.class).invoke(null, other);
                    assertNotNull(other.getComponent("accs", false), "the Component DSL registered accs");
                }));
    }

    private static void assertNull(Object value) {
        assertEquals(null, value);
    }

    private static void authentication(Map<String, Runner> run) {
        String page = "docs/authentication.md | ";
        run.put(page + "public final class JdbcTokenStore implements TokenStore {", unit(Shape.CLASS, (block, type, dir) ->
                        // PostgreSQL's advisory locks and ON CONFLICT: compiled against the interface, not run
                        assertTrue(io.camelaccs.ims.TokenStore.class.isAssignableFrom(type))));
        run.put(page + "from(\"direct:withMyToken\")", routes("""
                public static String token;
                public static class TokenService { public String currentToken() { return token; } }
                private final TokenService tokenService = new TokenService();
                """, "", (block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                type.getField("token").set(null, r.sim.issueAccessToken());
                r.routes(instance(type)).start();
                Exchange e = r.send("direct:withMyToken", null, Map.of("sku", "24-MB01"));
                assertEquals("24-MB01", e.getMessage().getBody(Map.class).get("sku"));
                assertNull(e.getMessage().getHeader("CamelAccsAccessToken"));
            }
        }));
    }

    private static void bulkAndAsync(Map<String, Runner> run) {
        String page = "docs/bulk-and-async.md | ";
        run.put(page + "from(\"direct:price\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                Exchange e = r.send("direct:price", null, Map.of("sku", "24-MB01", "price", 35.5));
                assertNotNull(e.getMessage().getHeader("CamelAccsBulkUuid"));
            }
        }));
        run.put(page + "from(\"direct:bulkPrices\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                assertNotNull(r.send("direct:bulkPrices", null, Map.of()).getMessage().getHeader("CamelAccsBulkUuid"));
            }
        }));
        run.put(page + "from(\"direct:bulkPricesReported\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                r.send("direct:bulkPricesReported", List.of(Map.of("product", Map.of("sku", "24-MB01", "price", 36))),
                        Map.of());
                assertEquals(36.0, r.sim.products().get("24-MB01").orElseThrow().path("price").asDouble());
            }
        }));
        run.put(page + "from(\"file:inbox/stock?include=.*\\\\.csv&move=.done&moveFailed=.failed\")", routes("""
                // the page's StockImport, which it describes but does not show
                static class StockImport {
                    static void toSourceItemOperations(Exchange e) {
                        List<Map<String, Object>> operations = new ArrayList<>();
                        for (String line : e.getMessage().getBody(String.class).split("\\n")) {
                            String[] f = line.strip().split(",");
                            if (f.length == 4) {
                                operations.add(Map.of("sourceItems", List.of(Map.of("sku", f[0], "source_code", f[1],
                                        "quantity", Double.parseDouble(f[2]), "status", Integer.parseInt(f[3])))));
                            }
                        }
                        e.getMessage().setBody(operations);
                    }
                    static void logRefusedLines(Exchange e) {
                    }
                }
                """, "", (block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                Path inbox = Files.createDirectories(dir.resolve("inbox/stock"));
                Files.writeString(inbox.resolve("stock.csv"),
                        "sku,source_code,quantity,status\n24-MB01,default,7,1\n24-MB04,default,0,0\n");
                await().until(() -> !r.failures.isEmpty() || Files.exists(inbox.resolve(".done/stock.csv")));
                r.assertNoFailures();
                assertEquals(7, r.sim.sourceItems().get("24-MB01", "default").orElseThrow().path("quantity").asInt());
            }
        }));
        run.put(page + "from(\"direct:bulkStatus\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                Object uuid = r.send("accs:put:/V1/products/{sku}?mode=bulk",
                        List.of(Map.of("product", Map.of("sku", "24-MB01", "price", 1))), Map.of())
                        .getMessage().getHeader("CamelAccsBulkUuid");
                Exchange e = r.send("direct:bulkStatus", null, Map.of("CamelAccsBulkUuid", uuid));
                assertEquals(1, ((Number) e.getMessage().getBody(Map.class).get("operation_count")).intValue());
            }
        }));
    }

    private static void incrementalSync(Map<String, Runner> run) {
        String page = "docs/incremental-sync.md | ";
        String orders = page + "from(\"accs:get:/V1/orders?incrementalField=updated_at&delay=60000&filter=status eq"
                        + " 'processing'\"";
        run.put(orders, routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.bind("watermarks", new MemoryStateRepository()).routes(instance(type)).start();
                r.awaitReceived("kafka:orders", 1);
                r.mock("kafka:orders").getReceivedExchanges().forEach(e ->
                        assertTrue(e.getMessage().getBody(String.class).contains("\"processing\"")));
            }
        }));
        // the file repository the page binds, then the page's route using it
        run.put(page + "getContext().getRegistry().bind(\"watermarks\",", new Runner(
                new Java(Shape.CONFIGURE, "", "", "", "", List.of(orders)), (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.awaitReceived("kafka:orders", 1);
                        await().until(() -> Files.exists(dir.resolve("var/lib/orders-sync/watermarks.dat")));
                    }
                }));
        run.put(page + "- beans:", yaml((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.yaml(localized(block.text(), dir)).start();
                r.awaitReceived("kafka:orders", 1);
                r.mock("kafka:orders").getReceivedExchanges().forEach(e ->
                        assertFalse(e.getMessage().getBody(String.class).contains("\"pending_payment\"")));
                await().until(() -> Files.exists(dir.resolve("var/lib/orders-sync/watermarks.dat")));
            }
        }));
        run.put(page + "FileLockClusterService cluster = new FileLockClusterService();", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.bind("watermarks", new MemoryStateRepository()).routes(instance(type)).start();
                r.awaitReceived("kafka:orders", 10);
            }
        }));
    }

    private static void searchingAndPaging(Map<String, Runner> run) {
        String page = "docs/searching-and-paging.md | ";
        run.put(page + "from(\"timer:orders?period=300000\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                r.awaitCompleted("timer://orders");
            }
        }));
        run.put(page + "from(\"timer:products?period=600000\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                r.awaitCompleted("timer://products");
                assertTrue(r.sim.requests("GET", "/V1/products") > 0);
            }
        }));
        run.put(page + "from(\"direct:productsBySku\")", routes((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                Exchange e = r.send("direct:productsBySku", List.of("24-MB01", "24-MB04"), Map.of());
                assertNotNull(e.getMessage().getBody(Map.class).get("items"));
            }
        }));
        run.put(page + "from(\"timer:catalog?period=3600000\")", routes("",
                "from(\"direct:export\").to(\"mock:export\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.awaitCompleted("timer://catalog");
                        long enabled = r.sim.products().skus().stream().filter(s ->
                                r.sim.products().get(s).orElseThrow().path("status").asInt() == 1).count();
                        assertEquals(enabled, r.mock("mock:export").getReceivedCounter());
                    }
                }));
        run.put(page + ".to(\"accs:get:/V1/acme/loyalty/{customerId}?validateOperation=false&tier=gold\")",
                new Runner(new Java(Shape.CONFIGURE, "", "from(\"direct:loyalty\")\n", ";", "", List.of()),
                        (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        // no such extension on the simulator: what counts is the request the endpoint made
                        r.context.createProducerTemplate().send("direct:loyalty",
                                e -> e.getMessage().setHeader("customerId", "7"));
                        assertTrue(r.sim.lastRequest("GET", "/V1/acme/loyalty/7").query().contains("tier=gold"));
                    }
                }));
    }

    private static void retriesAndErrors(Map<String, Runner> run) {
        String page = "docs/retries-and-errors.md | ";
        String probe = "from(\"direct:probe\").to(\"accs:get:/V1/products/{sku}\");";
        run.put(page + "onException(AccsPermissionException.class)", routes("", probe, (block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.sim.denyPermission("Magento_Catalog::products");
                r.routes(instance(type)).start();
                r.send("direct:probe", null, Map.of("sku", "24-MB01"));     // handled
                Exception refused = r.context.createProducerTemplate().send("accs:get:/V1/products/24-MB01",
                        e -> { }).getException();
                assertEquals("Magento_Catalog::products",
                        ((io.camelaccs.rest.AccsPermissionException) refused).getAclResource(),
                        "what the handler's log names");
            }
        }));
        run.put(page + "onException(AccsResponseBindingException.class)", routes("", probe, (block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.routes(instance(type)).start();
                r.send("direct:probe", null, Map.of("sku", "24-MB01"));
            }
        }));
        run.put(page + "onException(AccsAuthenticationException.class)", routes("",
                "from(\"direct:probe\").to(\"accs:get:/V1/products/{sku}?clientSecret=wrong\");\n"
                + "from(\"direct:alertOps\").to(\"mock:alertOps\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.send("direct:probe", null, Map.of("sku", "24-MB01"));
                        assertEquals(1, r.mock("mock:alertOps").getReceivedCounter(), "a refusal alerts");
                    }
                }));
        run.put(page + "onException(FilterSyntaxException.class)", routes("",
                "from(\"direct:probe\").process(e -> e.getMessage().setHeader(\"CamelAccsSearchCriteria\","
                + " SearchCriteria.builder().filter(e.getMessage().getBody(String.class)).build()))"
                + ".to(\"accs:get:/V1/products\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        Exchange e = r.send("direct:probe", "sku eq", Map.of());
                        assertTrue(e.getMessage().getBody(String.class).startsWith("bad filter at column "),
                                e.getMessage().getBody(String.class));
                    }
                }));
        run.put(page + "onException(AccsBulkException.class)", routes("", probe
                + "\nfrom(\"direct:reviewFailedOperations\").to(\"mock:review\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.routes(instance(type)).start();
                        r.send("direct:probe", null, Map.of("sku", "24-MB01"));
                    }
                }));
        run.put(page + "from(\"accs-events:journal?journalUrl={{commerce.journal-url}}&bridgeErrorHandler=true\")",
                routes("", "from(\"direct:startFreshExport\").to(\"mock:fresh\");\n"
                           + "from(\"direct:applyEvent\").to(\"mock:apply\");", (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.property("commerce.journal-url", r.sim.journalUrl());
                        r.sim.events().retryAfterSeconds(1);
                        r.sim.events().publishSynthetic(2);
                        r.routes(instance(type)).start();
                        r.awaitReceived("mock:apply", 2);
                    }
                }));
    }

    private static void events(Map<String, Runner> run) {
        run.put("docs/events.md | from(\"accs-events:journal?journalUrl={{commerce.journal-url}}&stateRepository="
                + "#positions&syncId=catalog\")", routes("", "from(\"direct:delete\").to(\"mock:delete\");\n"
                                                          + "from(\"direct:upsert\").to(\"mock:upsert\");",
                (block, type, dir) -> {
                    try (SnippetRun r = run(sim(), dir)) {
                        r.property("commerce.journal-url", r.sim.journalUrl())
                                .bind("positions", new MemoryStateRepository());
                        r.sim.events().publishSynthetic(2);
                        r.sim.events().publish("com.adobe.commerce.observer.catalog_product_delete_commit_after",
                                new ObjectMapper().createObjectNode().put("sku", "24-MB01"));
                        r.routes(instance(type)).start();
                        r.awaitReceived("mock:upsert", 2);
                        r.awaitReceived("mock:delete", 1);
                    }
                }));
    }

    private static void camelJbang(Map<String, Runner> run) {
        String page = "docs/camel-jbang-and-camel-k.md | ";
        run.put(page + "- route: … id: product-price", yaml((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.yaml(block.text()).start();
                r.awaitCompleted("timer://prices");
                assertTrue(r.sim.lastRequest("GET", "/V1/products/24-MB01").query().contains("fields="));
            }
        }));
        run.put(page + "- route: … from:", yaml((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                r.yaml(block.text()).start();
                // the Kamelet's consumer polls at start: every order reaches the route's log
                await().until(() -> !r.failures.isEmpty()
                        || r.completed.stream().filter(u -> u.contains("/V1/orders")).count() >= 10);
                r.assertNoFailures();
            }
        }));
    }

    private static void yamlCamelMain(Map<String, Runner> run) {
        run.put("docs/yaml-camel-main.md | - route: … id: product-lookup", yaml((block, type, dir) -> {
            try (SnippetRun r = run(sim(), dir)) {
                // the page's own application.properties gives the placeholders
                Properties settings = new Properties();
                String page = Files.readString(DocBlocks.ROOT.resolve("docs/yaml-camel-main.md"));
                int at = page.indexOf("```properties\n") + 14;
                settings.load(new StringReader(page.substring(at, page.indexOf("```", at))));
                settings.stringPropertyNames().stream().filter(k -> k.startsWith("price-watch."))
                        .forEach(k -> r.property(k, settings.getProperty(k)));
                r.yaml(block.text()).start();
                r.awaitCompleted("timer://bag-count");
                r.awaitCompleted("timer://price-watch");
                Exchange e = r.send("direct:product", null, Map.of("sku", "24-MB01"));
                assertEquals("Joust Duffle Bag", e.getMessage().getBody(Map.class).get("name"));
            }
        }));
    }
}
