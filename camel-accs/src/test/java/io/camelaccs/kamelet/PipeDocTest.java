package io.camelaccs.kamelet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelaccs.test.AccsSimulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pipe and its properties of docs/camel-jbang-and-camel-k.md, run on Camel Main (what Camel K runs) against the
 * simulator: the events reach the sink, and the position is in the file the properties name, so it survives the pod.
 */
class PipeDocTest {

    private static final Path PAGE = Path.of("..", "docs", "camel-jbang-and-camel-k.md");

    @TempDir
    Path dir;

    private static String block(String page, String after, String language) {
        int at = page.indexOf(after);
        assertTrue(at >= 0, "the page has " + after);
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(at), "a " + language + " block after " + after);
        return m.group(1);
    }

    @Test
    void thePipeDeliversTheJournalAndKeepsItsPositionInTheFileNamed() throws Exception {
        String page = Files.readString(PAGE);
        String pipe = block(page, "### A Pipe", "yaml");
        String properties = block(page, "### A Pipe", "properties");
        Path positions = dir.resolve("positions.dat");
        try (AccsSimulator sim = AccsSimulator.builder().products(5).build().start()) {
            sim.events().retryAfterSeconds(1);
            Path pipeFile = dir.resolve("commerce-events.yaml");
            // the sink of the page logs; the test's sink also counts what arrives. The journal URL goes in as Camel K
            // passes a Pipe's properties, as Kamelet properties: Camel's own Pipe loader (camel-yaml-dsl 4.18)
            // URL-encodes a URL property once too often, which Camel K's operator does not
            String journalLine = "      journalUrl: \"https://events-va6.adobe.io/events/organizations/ORG/integrations/"
                                 + "CREDENTIAL/REGISTRATION\"\n";
            assertTrue(pipe.contains(journalLine), pipe);
            Files.writeString(pipeFile, pipe.replace("uri: \"log:commerce-events\"", "uri: \"mock:commerce-events\"")
                    .replace(journalLine, ""));
            Main main = new Main();
            Properties props = new Properties();
            props.load(new java.io.StringReader(properties.replace("/data/positions.dat", positions.toString())));
            props.setProperty("camel.kamelet.accs-events-source.journalUrl", sim.journalUrl());
            sim.componentProperties().forEach((k, v) -> props.setProperty("camel.component.accs." + k, v));
            props.setProperty("camel.main.routes-include-pattern", "file:" + pipeFile);
            main.setOverrideProperties(props);
            main.start();
            try {
                org.apache.camel.component.mock.MockEndpoint sink = main.getCamelContext()
                        .getEndpoint("mock:commerce-events", org.apache.camel.component.mock.MockEndpoint.class);
                sim.products().update("24-MB01", p -> p.put("name", "Joust Duffle Bag II"));
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.getReceivedCounter() == 1
                        && Files.exists(positions) && Files.readString(positions).contains("commerce-events"));
            } finally {
                main.stop();
            }
        }
    }
}
