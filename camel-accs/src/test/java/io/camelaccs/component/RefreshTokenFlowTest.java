package io.camelaccs.component;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenRequests;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code REFRESH_TOKEN}: the refresh token is exchanged with the client's credentials, the newest one IMS returns is
 * used next and kept in the store, and the store outlives the CamelContext.
 */
class RefreshTokenFlowTest {

    private static final String PRODUCT = "accs:get:/V1/products/{sku}";
    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path dir;

    /** No secret unless a test's options give one: the public client is the case without. */
    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, null);

    private void startCamel(Consumer<AccsConfiguration> options) {
        camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            options.accept(c);
        });
    }

    /** IMS exchanges refresh token {@code from} for access token {@code access} and the next refresh token. */
    private static void rotates(String from, String access, String next, long expiresIn) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withFormParam("refresh_token", equalTo(from))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + next
                                  + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}")));
    }

    private static void commerceAccepts(String accessToken) {
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"sku\":\"A\",\"seenWith\":\"" + accessToken + "\"}")));
    }

    private static int refreshesWith(String refreshToken) {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withFormParam("refresh_token", equalTo(refreshToken)).build()).getCount();
    }

    private static String stored(Path file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p.getProperty(CLIENT_ID);
    }

    private void confidentialWithStore(AccsConfiguration c, Path store) {
        c.setClientSecret(CLIENT_SECRET);
        c.setRefreshToken("rt-0");
        c.setTokenStoreFile(store.toString());
    }

    // 10
    @Test
    void rotatedRefreshTokenIsUsedAndSurvivesRestart() throws Exception {
        Path store = dir.resolve("accs-tokens.properties");
        rotates("rt-0", "a1", "rt-1", 86399);
        rotates("rt-1", "a2", "rt-2", 86399);
        rotates("rt-2", "a3", "rt-3", 86399);
        // Commerce rejects a1: the 401 forces a second refresh at once, with whatever refresh token is newest
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer a1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"The consumer isn't authorized to access %resources.\","
                                  + "\"parameters\":{\"resources\":\"Magento_Catalog::products\"}}")));
        commerceAccepts("a2");
        commerceAccepts("a3");
        startCamel(c -> confidentialWithStore(c, store));

        Map<?, ?> body = (Map<?, ?>) camel.template().requestBodyAndHeader(PRODUCT, null, "sku", "A");

        assertEquals("a2", body.get("seenWith"));
        assertEquals(2, tokenRequests(wm));
        assertEquals(1, refreshesWith("rt-0"));
        assertEquals(1, refreshesWith("rt-1"), "the second refresh uses the refresh token IMS rotated to");
        // every token request: refresh_token grant, client authenticated with Basic, no secret in the form
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("Authorization", equalTo(BASIC))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("client_secret", absent()));
        assertEquals("rt-2", stored(store));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(store));
        try (Stream<Path> files = Files.list(dir)) {
            // the .lock file stays by design: writers in other processes lock it before replacing the store
            assertEquals(List.of(store), files.filter(f -> !f.toString().endsWith(".lock")).toList(),
                    "no temporary file left behind");
        }

        // restart with the same options, refreshToken=rt-0 included: the store wins
        camel.stop();
        wm.resetRequests();
        startCamel(c -> confidentialWithStore(c, store));

        body = (Map<?, ?>) camel.template().requestBodyAndHeader(PRODUCT, null, "sku", "A");

        assertEquals("a3", body.get("seenWith"));
        assertEquals(1, tokenRequests(wm));
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo(BASIC))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("rt-2")));
        assertEquals(0, refreshesWith("rt-0"), "the refreshToken option is not used once the store has a newer one");
        assertEquals("rt-3", stored(store));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(store));
        System.out.println("[figures] rotatedRefreshTokenIsUsedAndSurvivesRestart: store holds " + stored(store)
                           + ", permissions " + PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
    }

    // 10b: the same rotation when the second refresh is the background one ahead of expiry
    @Test
    void expiryDrivenRefreshUsesRotatedRefreshToken() throws Exception {
        Path store = dir.resolve("accs-tokens.properties");
        rotates("rt-0", "a1", "rt-1", 2);
        rotates("rt-1", "a2", "rt-2", 86399);
        commerceAccepts("a1");
        commerceAccepts("a2");
        startCamel(c -> {
            confidentialWithStore(c, store);
            c.setTokenRefreshMargin(200);
            c.setTokenExpiryMargin(100);
        });

        long start = System.nanoTime();
        assertEquals("a1",
                ((Map<?, ?>) camel.template().requestBodyAndHeader(PRODUCT, null, "sku", "A")).get("seenWith"));
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50))
                .until(() -> "a2".equals(((Map<?, ?>) camel.template().requestBodyAndHeader(PRODUCT, null, "sku", "A"))
                        .get("seenWith")));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(2, tokenRequests(wm));
        assertEquals(1, refreshesWith("rt-1"));
        wm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("Authorization", equalTo(BASIC))
                .withFormParam("grant_type", equalTo("refresh_token")));
        assertEquals("rt-2", stored(store));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(store));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", absent()));
        System.out.println("[figures] expiryDrivenRefreshUsesRotatedRefreshToken: a2 in use after " + elapsedMs + " ms");
    }

    @Test
    void withoutARefreshTokenTheEndpointNamesTheLoginHelperCommand() {
        startCamel(c -> c.setTokenStoreFile(dir.resolve("no-login-yet.properties").toString()));

        Exception e = assertThrows(Exception.class, () -> camel.context().getEndpoint(PRODUCT));

        assertEquals("Option refreshToken is required with authenticationType REFRESH_TOKEN unless the token store"
                     + " already holds one for the client: run the login helper (java -jar"
                     + " camel-accs-login-<version>.jar, artifact io.camelaccs:camel-accs-login) to store one in"
                     + " tokenStoreFile", ObjectHelper.getException(IllegalArgumentException.class, e).getMessage());
        assertEquals(0, tokenRequests(wm));
    }

    // 11
    @Test
    void publicClientSendsClientIdInForm() {
        rotates("rt-pub", "a-pub", "rt-pub-2", 86399);
        commerceAccepts("a-pub");
        startCamel(c -> c.setRefreshToken("rt-pub"));

        Map<?, ?> body = (Map<?, ?>) camel.template().requestBodyAndHeader(PRODUCT, null, "sku", "A");

        assertEquals("a-pub", body.get("seenWith"));
        wm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Authorization", absent())
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("rt-pub"))
                .withFormParam("client_secret", absent()));
        assertEquals(1, tokenRequests(wm));
        assertTrue(wm.getAllServeEvents().stream().noneMatch(e -> e.getRequest().getUrl().contains("rt-pub")),
                "the refresh token never travels in a URL");
    }
}
