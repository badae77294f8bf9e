package io.camelaccs.login;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.FileTokenStore;
import io.camelaccs.testsupport.SecretForms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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

class AccsLoginTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

    @TempDir
    Path dir;

    private final Console out = new Console();
    private final Console err = new Console();

    @BeforeEach
    void stubIms() {
        AuthorizationCodeFlowTest.stubImsFor(wm);
    }

    @Test
    void unknownOptionExitsWithTwoAndNamesIt() {
        int code = AccsLogin.run(new String[] {"--client-id=abc", "--colour=red"}, out.stream, err.stream, Map.of());

        assertEquals(2, code);
        assertTrue(err.text().contains("Unknown option --colour."), err.text());
        assertTrue(err.text().contains("--client-id, --client-secret, --scopes, --ims-url, --port, --redirect-path, "
                                       + "--token-store-file, --timeout, --help"), err.text());
        assertEquals("", out.text());
    }

    @Test
    void mistypedSecretOptionIsNotEchoed() {
        int code = AccsLogin.run(new String[] {"--clientsecret=" + CLIENT_SECRET}, out.stream, err.stream, Map.of());

        assertEquals(2, code);
        assertTrue(err.text().contains("--clientsecret"), err.text());
        assertFalse(err.text().contains(CLIENT_SECRET), err.text());
    }

    @Test
    void helpExitsWithZero() {
        int code = AccsLogin.run(new String[] {"--help"}, out.stream, err.stream, Map.of());

        assertEquals(0, code);
        assertTrue(out.text().startsWith("Usage: java -jar camel-accs-login-<version>.jar --client-id=ID [options]"), out.text());
        assertTrue(out.text().contains("ACCS_CLIENT_SECRET"), out.text());
        assertEquals("", err.text());
    }

    @Test
    void missingClientIdExitsWithTwo() {
        int code = AccsLogin.run(new String[0], out.stream, err.stream, Map.of());

        assertEquals(2, code);
        assertTrue(err.text().contains("ACCS_CLIENT_ID"), err.text());
    }

    @Test
    void signsInWithCredentialsFromEnvironmentAndPrintsNoSecret() throws Exception {
        Path file = dir.resolve("login/refresh-tokens.properties");
        Map<String, String> env = Map.of("ACCS_CLIENT_ID", CLIENT_ID, "ACCS_CLIENT_SECRET", CLIENT_SECRET);
        String[] args = {"--ims-url=" + wm.baseUrl(), "--port=0", "--timeout=10", "--token-store-file=" + file};

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> AccsLogin.run(args, out.stream, err.stream, env));
        String url = await().atMost(Duration.ofSeconds(10)).until(() -> authorizeUrl(out.text()), u -> u != null);
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.text());
        assertEquals(200, page.statusCode());
        assertTrue(out.text().contains("Open this URL in a browser, sign in, and wait for the redirect to http://127.0.0.1:"),
                out.text());
        Path stored = file.toAbsolutePath();
        assertTrue(out.text().contains("Refresh token for client logi**** written to " + stored
                                       + ". Use authenticationType=REFRESH_TOKEN&tokenStoreFile=" + stored), out.text());
        assertEquals(AuthorizationCodeFlowTest.REFRESH_TOKEN, new FileTokenStore(file).readRefreshToken(CLIENT_ID));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        wm.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("Authorization", containing("Basic "))
                .withRequestBody(containing("code=" + AuthorizationCodeFlowTest.CODE)).withRequestBody(notContaining("client_secret")));

        // the authorize URL holds random state and challenge, which may spell anything: it is checked above
        String console = out.text().replace(url, "") + err.text();
        new SecretForms(CLIENT_ID, SECRETS).assertNoneIn("the console", console);
    }

    private static String authorizeUrl(String console) {
        Matcher m = Pattern.compile("(http\\S+/ims/authorize/v2\\?\\S+)").matcher(console);
        return m.find() ? m.group(1) : null;
    }

    /** A console that a test can read while another thread writes it. */
    private static final class Console {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            // ByteArrayOutputStream synchronizes its writes and reads: no torn text
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
