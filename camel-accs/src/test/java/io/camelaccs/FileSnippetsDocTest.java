package io.camelaccs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs snippets whose items or bodies go to {@code file:}, run as the pages write them against the simulator:
 * a {@code Map} item reaches {@code file:} only marshalled and named, which a snippet once forgot (it failed with
 * {@code NoTypeConversionAvailableException} at the first item). The routes below are the pages' text, with the
 * relative folders put under {@code {{dir}}/} (dropped when comparing with the page).
 */
class FileSnippetsDocTest {

    private static final Path SOURCE = Path.of("src", "test", "java", "io", "camelaccs", "FileSnippetsDocTest.java");
    private static final Path SEARCHING = Path.of("..", "docs", "searching-and-paging.md");
    private static final Path ERRORS = Path.of("..", "docs", "retries-and-errors.md");

    @TempDir
    Path dir;

    private AccsSimulator sim;
    private CamelContext context;

    @BeforeEach
    void start() {
        sim = AccsSimulator.builder().products(12).build().start();
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("dir", dir.toString());
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.close();
    }

    @Test
    void theParallelExportWritesOneJsonFilePerProduct() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // docs/searching-and-paging.md, "parallelism"
                from("direct:export")
                    .to("accs:get:/V1/products?filter=status eq 1&fetchAll=true&pageSize=100&parallelism=8")
                    .split(body()).streaming()
                        .setHeader(Exchange.FILE_NAME, simple("${body[sku]}.json"))   // one file per product
                        .marshal().json()                                             // the Map as JSON text (camel-jackson)
                        .to("file:{{dir}}/export");
                // end of the snippet
            }
        });
        context.start();

        context.createProducerTemplate().sendBody("direct:export", null);

        TreeSet<String> enabled = sim.products().skus().stream()
                .filter(sku -> sim.products().get(sku).orElseThrow().path("status").asInt() == 1)
                .map(sku -> sku + ".json").collect(Collectors.toCollection(TreeSet::new));
        assertFalse(enabled.isEmpty());
        assertEquals(enabled, names(dir.resolve("export")), "one file per product of status 1");
        String sku = enabled.first().replace(".json", "");
        JsonNode written = new ObjectMapper().readTree(dir.resolve("export").resolve(sku + ".json").toFile());
        assertEquals(sku, written.path("sku").asText(), "the file holds the product as JSON");
    }

    @Test
    void aProductCommerceRefusesLandsInRejectedUnderItsName() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // docs/retries-and-errors.md, "AccsApiException"
                onException(AccsApiException.class)
                    .onWhen(simple("${exception.statusCode} == 404"))
                    .handled(true)
                    .log("${header.sku} does not exist [x-debug-id ${exception.debugId}]");

                onException(AccsApiException.class)                  // 400: fix the data, do not resend as is
                    .onWhen(simple("${exception.statusCode} == 400"))
                    .handled(true)
                    .to("file:{{dir}}/rejected");                            // the file as it came, under its own name

                from("file:{{dir}}/inbox/products?move=done")
                    .to("accs:post:/V1/products");
                // end of the snippet
            }
        });
        context.start();
        Path inbox = Files.createDirectories(dir.resolve("inbox/products"));
        String refused = "{\"product\":{\"name\":\"No SKU\",\"price\":1}}";
        Files.writeString(inbox.resolve("no-sku.json"), refused);
        Files.writeString(inbox.resolve("new.json"),
                "{\"product\":{\"sku\":\"NEW-1\",\"name\":\"New\",\"price\":9,\"attribute_set_id\":4,\"type_id\":\"simple\"}}");

        await().atMost(Duration.ofSeconds(20)).until(() -> names(dir.resolve("inbox/products/done")).size() == 2);
        assertEquals(Set.of("no-sku.json"), names(dir.resolve("rejected")));
        assertEquals(refused, Files.readString(dir.resolve("rejected/no-sku.json")), "the file as it came");
        assertTrue(sim.products().get("NEW-1").isPresent(), "the valid file was saved");
    }

    @Test
    void theRoutesAreTheOnesThePagesShow() throws Exception {
        assertEquals(block(SEARCHING, "### parallelism"), snippet("docs/searching-and-paging.md, \"parallelism\""));
        assertEquals(block(ERRORS, "### AccsApiException"), snippet("docs/retries-and-errors.md, \"AccsApiException\""));
    }

    private static Set<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The first java block after the heading. */
    private static String block(Path page, String heading) throws Exception {
        String text = Files.readString(page);
        int at = text.indexOf("```java\n", text.indexOf(heading)) + 8;
        return normalized(text.substring(at, text.indexOf("```", at)));
    }

    /** This class's route after the marker, its folders as the page writes them. */
    private static String snippet(String marker) throws Exception {
        String source = Files.readString(SOURCE);
        int at = source.indexOf('\n', source.indexOf("// " + marker)) + 1;
        return normalized(source.substring(at, source.indexOf("// end of the snippet", at)).replace("{{dir}}/", ""));
    }

    /** Lines without their common indentation, blanks and the comment column's padding. */
    private static String normalized(String text) {
        List<String> lines = text.stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).replaceAll("\\s+//", " //").stripTrailing())
                .collect(Collectors.joining("\n")).strip();
    }
}
