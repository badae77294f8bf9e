package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The standalone simulator as its user meets it: options in, settings to paste out, requests with those alone. */
class AccsSimulatorMainTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printedSettingsAreAllAClientNeedsToReadADocumentedProduct() throws Exception {
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "50", "--seed", "7")) {
            PrintedSettings settings = PrintedSettings.parse(printed());

            JsonNode product = settings.get("/V1/products/24-MB01");

            assertEquals("Joust Duffle Bag", product.get("name").asText());
            assertEquals(34, product.get("price").asInt());
            assertEquals(List.of("ACCS_BASE_URL", "ACCS_IMS_URL", "ACCS_CLIENT_ID", "ACCS_CLIENT_SECRET", "ACCS_ORG_ID"),
                    List.copyOf(settings.environment.keySet()));
            assertEquals(Map.of(
                    "camel.component.accs.base-url", sim.baseUrl(),
                    "camel.component.accs.ims-url", sim.imsUrl(),
                    "camel.component.accs.client-id", sim.clientId(),
                    "camel.component.accs.client-secret", sim.clientSecret(),
                    "camel.component.accs.org-id", sim.orgId()), settings.properties);
            assertEquals(sim.baseUrl(), settings.environment.get("ACCS_BASE_URL"));
            assertEquals(50, sim.products().size());
            assertTrue(printed().contains("Products the guide names: 24-MB01, 24-MB04, 24-WB02."), printed());
        }
    }

    @Test
    void thePaasPropertiesReadBackAsTheShopsOwnSecretsWhereCamelMainReadsThemAsIso88591() {
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5", "--platform", "PAAS")) {
            String lines = printed().lines().filter(line -> line.startsWith("camel.component.accs."))
                    .collect(Collectors.joining("\n"));
            Map<String, String> expected = new LinkedHashMap<>();
            sim.componentProperties().forEach((name, value) -> expected.put("camel.component.accs."
                    + PastableSettings.kebabCase(name), value));

            assertTrue(sim.paas().accessTokenSecret().chars().anyMatch(c -> c > 0x7e)
                       && sim.paas().accessTokenSecret().contains("%"), "the shop's secrets stay hostile");
            assertTrue(lines.chars().allMatch(c -> c < 0x80), "ASCII only, whatever the editor saves:\n" + lines);
            assertEquals(expected, PrintedSettings.load(lines));
            assertEquals(sim.paas().accessTokenSecret(),
                    PrintedSettings.load(lines).get("camel.component.accs.access-token-secret"));
        }
    }

    @Test
    void propertyValuesSurviveJavaPropertiesLoading() {
        for (String value : List.of(" leading", "trailing ", "in side", "back\\slash\\", "#hash", "!bang", "a=b:c",
                "tab\tnew\nline\r", "\u00fc\u20ac\uD83D\uDE00", "\\u0041", "")) {
            String line = "key=" + PastableSettings.propertyValue(value);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), line);
            assertEquals(Map.of("key", value), PrintedSettings.load(line), line);
            assertEquals(Map.of("key", value), PrintedSettings.load(line.stripTrailing() + "\n"),
                    "an editor that strips trailing spaces: " + line);
        }
    }

    @Test
    void thePaasEnvironmentLinesAreWhatAShellExportsAndNameThePlaceholdersVariables() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "a POSIX shell");
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5", "--platform", "PAAS")) {
            List<String> exports = printed().lines().filter(line -> line.startsWith("export ")).toList();
            PrintedSettings settings = PrintedSettings.parse(printed());
            String awkward = "it's a 'test' \u00fc $HOME `id` \\ \"q\" ;&|<>*?";
            StringBuilder script = new StringBuilder();
            exports.forEach(line -> script.append(line).append('\n'));
            script.append("export AWKWARD=").append(PastableSettings.shellWord(awkward)).append('\n');
            for (String name : settings.environment.keySet()) {
                script.append("printf '%s\\0' \"$").append(name).append("\"\n");
            }
            script.append("printf '%s\\0' \"$AWKWARD\"\n");

            List<String> exported = shell(script.toString());

            assertEquals(List.of("ACCS_PLATFORM", "ACCS_BASE_URL", "ACCS_AUTHENTICATION_TYPE", "ACCS_CONSUMER_KEY",
                    "ACCS_CONSUMER_SECRET", "ACCS_ACCESS_TOKEN", "ACCS_ACCESS_TOKEN_SECRET"),
                    List.copyOf(settings.environment.keySet()));
            List<String> expected = new ArrayList<>(sim.componentProperties().values());
            expected.add(awkward);
            assertEquals(expected, exported);
            assertEquals(List.copyOf(sim.componentProperties().values()), List.copyOf(settings.environment.values()));
            assertTrue(printed().contains("{{accs.consumer-key}}"), "names the placeholders they fill");
        }
    }

    /** Runs a script with /bin/sh from a UTF-8 file (no locale in between) and splits what it printed at NULs. */
    private static List<String> shell(String script) throws Exception {
        Path file = Files.createTempFile("accs-exports", ".sh");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(name -> name.startsWith("ACCS_"));
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the shell ended");
            assertEquals(0, process.exitValue(), script);
            String text = new String(output, StandardCharsets.UTF_8);
            return List.of(text.substring(0, text.length() - 1).split("\0", -1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void thePublicKeyOfTheCommerceWebhookSignaturesIsPrinted() {
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port", "0", "--products", "5")) {
            String pem = sim.commerceWebhooks().publicKeyPem();
            assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
            assertTrue(printed().contains("x-adobe-commerce-webhook-signature"), printed());
            assertTrue(printed().contains(pem), printed());
        }
    }

    @Test
    void aFixedPortTenantAndSeedAreKept() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> skus;
        try (AccsSimulator sim = AccsSimulatorMain.start(out, "--port=" + port, "--products=30", "--seed=7",
                "--tenant=shop-1")) {
            assertEquals(port, sim.port());
            assertEquals("http://127.0.0.1:" + port + "/shop-1", PrintedSettings.parse(printed()).environment
                    .get("ACCS_BASE_URL"));
            skus = sim.products().skus();
        }
        try (AccsSimulator same = AccsSimulatorMain.start(out, "--port", "0", "--products", "30", "--seed", "7");
             AccsSimulator other = AccsSimulatorMain.start(out, "--port", "0", "--products", "30", "--seed", "8")) {
            assertEquals(skus, same.products().skus());
            assertNotEquals(skus, other.products().skus());
            // the documented products are there whatever the seed
            assertEquals("Strive Shoulder Pack", other.products().get("24-MB04").orElseThrow().get("name").asText());
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatItTakes() {
        assertEquals("Option --products takes a whole number, not 'many'",
                assertThrows(IllegalArgumentException.class, () -> AccsSimulatorMain.start(out, "--products", "many"))
                        .getMessage());
        assertEquals("Unknown option --colour: options are --port, --products, --orders, --seed, --tenant, --platform and --help",
                assertThrows(IllegalArgumentException.class, () -> AccsSimulatorMain.start(out, "--colour", "red"))
                        .getMessage());
        assertEquals("A port is 0 (any free port) to 65535, not 70000",
                assertThrows(IllegalArgumentException.class, () -> AccsSimulatorMain.start(out, "--port", "70000"))
                        .getMessage());
        assertEquals("Option --seed needs a value",
                assertThrows(IllegalArgumentException.class, () -> AccsSimulatorMain.start(out, "--seed"))
                        .getMessage());
        assertEquals("", printed(), "nothing started, nothing printed");
    }

    @Test
    void helpPrintsTheOptionsAndStartsNothing() {
        assertNull(AccsSimulatorMain.start(out, "--help"));
        assertTrue(printed().startsWith("Usage: java -jar camel-accs-test-<version>-standalone.jar"), printed());
        assertTrue(printed().contains("--seed <n>"));
    }

    @Test
    void aBadCommandLineExitsWithTwoAndTheUsageOnStandardError() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        AccsSimulatorMain.Launch launch = AccsSimulatorMain.launch(out,
                new PrintStream(errors, true, StandardCharsets.UTF_8), "--products", "many");

        assertEquals(2, launch.exitCode());
        assertNull(launch.simulator());
        String err = errors.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("Option --products takes a whole number, not 'many'"), err);
        assertTrue(err.contains("Usage: java -jar camel-accs-test-<version>-standalone.jar"), err);
        assertEquals("", printed());
    }

    @Test
    void aTakenPortExitsWithOneAndSaysHowToPickAnother() throws Exception {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0)) {
            AccsSimulatorMain.Launch launch = AccsSimulatorMain.launch(out,
                    new PrintStream(errors, true, StandardCharsets.UTF_8), "--port", String.valueOf(taken.getLocalPort()));

            assertEquals(1, launch.exitCode());
            assertNull(launch.simulator());
        }
        String err = errors.toString(StandardCharsets.UTF_8);
        assertTrue(err.startsWith("The simulator could not start: "), err);
        assertTrue(err.contains("(another port: --port <n>, any free one: --port 0)"), err);
    }
}
