package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
