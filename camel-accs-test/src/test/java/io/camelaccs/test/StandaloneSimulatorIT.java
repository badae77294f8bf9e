package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The documented command, {@code java -jar camel-accs-test-<version>-standalone.jar}, run after packaging: it prints
 * settings a client can use as they are, and stops cleanly on a termination signal (what Ctrl-C sends).
 */
class StandaloneSimulatorIT {

    @Test
    void theStandaloneJarServesWithThePrintedSettingsAndStopsOnSignal() throws Exception {
        // set by the integration-test execution only; the unit-test run (mvn test -Dtest=...) has no jar yet
        assumeTrue(System.getProperty("accs.standaloneJar") != null, "run by mvn verify, after packaging");
        Path jar = Path.of(System.getProperty("accs.standaloneJar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--products", "20")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            StringBuffer output = new StringBuffer();
            CompletableFuture<String> settingsPrinted = new CompletableFuture<>();
            // one reader to the end of the output: the settings come first, the goodbye last
            CompletableFuture<String> ended = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        output.append(line).append('\n');
                        if (line.startsWith("camel.component.accs.org-id=")) {
                            settingsPrinted.complete(output.toString());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                settingsPrinted.completeExceptionally(new IllegalStateException(
                        "The simulator ended before printing its settings:\n" + output));
                return output.toString();
            });

            PrintedSettings settings = PrintedSettings.parse(settingsPrinted.get(60, TimeUnit.SECONDS));

            assertEquals("Compete Track Tote", settings.get("/V1/products/24-WB02").get("name").asText());
            // SIGTERM, as Ctrl-C's SIGINT, through the handle: Process.destroy() would also close our end of stdout
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped on the signal");
            String all = ended.get(30, TimeUnit.SECONDS);
            assertTrue(all.endsWith("ACCS simulator stopped\n"), all);
        } finally {
            process.destroyForcibly();
        }
    }
}
