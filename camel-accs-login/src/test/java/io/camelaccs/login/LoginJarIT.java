package io.camelaccs.login;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.FileTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.login.AuthorizationCodeFlowTest.CLIENT_ID;
import static io.camelaccs.login.AuthorizationCodeFlowTest.CLIENT_SECRET;
import static io.camelaccs.login.AuthorizationCodeFlowTest.SECRETS;
import static io.camelaccs.login.AuthorizationCodeFlowTest.TOKEN_PATH;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The documented command, {@code java -jar camel-accs-login-<version>.jar}, run after packaging: the jar carries
 * everything it needs (no class path to assemble), prints its usage, refuses a wrong command line with exit code 2,
 * and signs in against a stubbed IMS with the credentials from the environment.
 */
class LoginJarIT {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void findJar() {
        // set by the integration-test execution only; the unit-test run (mvn test -Dtest=...) has no jar yet
        assumeTrue(System.getProperty("accs.loginJar") != null, "run by mvn verify, after packaging");
        jar = Path.of(System.getProperty("accs.loginJar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        AuthorizationCodeFlowTest.stubImsFor(wm);
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() throws Exception {
        Run run = Run.start(jar, Map.of(), "--help");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: java -jar camel-accs-login-<version>.jar --client-id=ID [options]"),
                run.out());
        assertTrue(run.out().contains("--token-store-file=PATH"), run.out());
        assertEquals("", run.err(), "no logging noise (an SLF4J binding is in the jar)");
    }

    @Test
    void wrongCommandLineExitsWithTwo() throws Exception {
        Run run = Run.start(jar, Map.of(), "--client-id=abc", "--colour=red");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Unknown option --colour. Accepted options: --client-id,"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void signsInAndWritesTheRefreshTokenFile() throws Exception {
        Path file = dir.resolve("refresh-tokens.properties");
        Run run = Run.start(jar, Map.of("ACCS_CLIENT_ID", CLIENT_ID, "ACCS_CLIENT_SECRET", CLIENT_SECRET),
                "--ims-url=" + wm.baseUrl(), "--port=0", "--timeout=30", "--token-store-file=" + file);
        try {
            String url = await().atMost(Duration.ofSeconds(60)).until(() -> authorizeUrl(run.out()), u -> u != null);
            HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());

            assertEquals(0, run.exitCode(), run.err());
            assertEquals(200, page.statusCode());
            assertEquals(AuthorizationCodeFlowTest.REFRESH_TOKEN, new FileTokenStore(file).readRefreshToken(CLIENT_ID));
            assertTrue(run.out().contains("Use authenticationType=REFRESH_TOKEN&tokenStoreFile=" + file.toAbsolutePath()),
                    run.out());
            assertEquals(1, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount());
            String console = run.out().replace(url, "") + run.err();
            for (String secret : SECRETS) {
                assertFalse(console.contains(secret), "the console shows " + secret + ":\n" + console);
            }
        } finally {
            run.process.destroyForcibly();
        }
    }

    private static String authorizeUrl(String console) {
        Matcher m = Pattern.compile("(http\\S+/ims/authorize/v2\\?\\S+)").matcher(console);
        return m.find() ? m.group(1) : null;
    }

    /** {@code java -jar} in a process of its own, its output read as it comes. */
    private record Run(Process process, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr,
                       List<CompletableFuture<Void>> readers) {

        static Run start(Path jar, Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            // only what the test gives: a developer's own ACCS_* settings must not leak in
            builder.environment().keySet().removeIf(name -> name.startsWith("ACCS_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            return new Run(process, out, err, List.of(copy(process.getInputStream(), out), copy(process.getErrorStream(), err)));
        }

        private static CompletableFuture<Void> copy(InputStream from, ByteArrayOutputStream to) {
            return CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[4096];
                try (from) {
                    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                        to.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, "login-jar-output").start());
        }

        int exitCode() throws Exception {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the login helper ended");
            for (CompletableFuture<Void> reader : readers) {
                reader.get(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        }

        String out() {
            // ByteArrayOutputStream synchronizes its writes and reads: no torn text
            return stdout.toString(StandardCharsets.UTF_8);
        }

        String err() {
            // the JVM's own notice of JAVA_TOOL_OPTIONS (a locale or time zone set for the whole run) is not the jar's
            return stderr.toString(StandardCharsets.UTF_8).replaceAll("(?m)^Picked up \\w+_OPTIONS: .*\\R", "");
        }
    }
}
