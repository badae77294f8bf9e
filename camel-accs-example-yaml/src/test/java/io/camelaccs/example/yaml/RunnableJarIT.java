package io.camelaccs.example.yaml;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.camelaccs.test.AccsSimulator;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar, started as the Dockerfile starts it ({@code java -jar app.jar}, the settings in the environment),
 * calls the simulator from its YAML routes and stops on a termination signal ({@code docker stop} sends one).
 */
class RunnableJarIT {

    @Test
    void theJarRunsTheYamlRoutesWithTheSettingsOfTheEnvironment() throws Exception {
        // set by the integration-test execution only; the unit-test run has no jar yet
        assumeTrue(System.getProperty("accs.runnableJar") != null, "run by mvn verify, after packaging");
        Path jar = Path.of(System.getProperty("accs.runnableJar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("COPY target/" + jar.getFileName() + " /app/app.jar"), dockerfile);
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]"), dockerfile);
        try (AccsSimulator sim = AccsSimulator.builder().products(20).build().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("ACCS_BASE_URL", sim.baseUrl());
            builder.environment().put("ACCS_IMS_URL", sim.imsUrl());
            builder.environment().put("ACCS_CLIENT_ID", sim.clientId());
            builder.environment().put("ACCS_CLIENT_SECRET", sim.clientSecret());
            Process process = builder.start();
            try {
                // the price watch's timer fires at start-up
                await().atMost(Duration.ofSeconds(60)).until(() -> sim.requests("GET", "/V1/products/24-MB01") >= 1);
                process.toHandle().destroy();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped on the signal");
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
