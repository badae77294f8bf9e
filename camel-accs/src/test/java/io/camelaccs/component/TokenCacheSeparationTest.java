package io.camelaccs.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static io.camelaccs.testsupport.ImsStubs.tokenResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Endpoints of one component with the same client id but settings that change how tokens are fetched: each gets a
 * token cache of its own and its setting is honoured, where before the first endpoint's cache silently served them
 * all. Endpoints whose settings agree still share one cache.
 */
class TokenCacheSeparationTest {

    private static final String OTHER_SECRET = "p8e-OTHER-secret+with/odd=chars";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    @TempDir
    Path dir;

    /** Commerce tells which token a request carried. */
    private static void commerceEchoesToken(String token) {
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"sku\":\"A\",\"token\":\"" + token + "\"}")));
    }

    private Object tokenSeenBy(String uri) {
        return ((Map<?, ?>) camel.template().requestBodyAndHeader(uri, null, "sku", "A")).get("token");
    }

    @Test
    void endpointSecretDifferentFromTheComponentsGetsItsOwnToken() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("client_secret=p8e-SECRET"))
                .willReturn(tokenResponse("token-of-component-secret", 86399)));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("client_secret=p8e-OTHER"))
                .willReturn(tokenResponse("token-of-endpoint-secret", 86399)));
        commerceEchoesToken("token-of-component-secret");
        commerceEchoesToken("token-of-endpoint-secret");
        camel.start(c -> {
        });

        Object viaComponent = tokenSeenBy("accs:get:/V1/products/{sku}");
        Object viaEndpoint = tokenSeenBy("accs:get:/V1/products/{sku}?clientSecret=RAW(" + OTHER_SECRET + ")");

        assertEquals("token-of-component-secret", viaComponent);
        assertEquals("token-of-endpoint-secret", viaEndpoint, "the endpoint's clientSecret is used, not ignored");
        assertEquals(2, camel.accs().tokenCaches().size());
        for (TokenCache cache : camel.accs().tokenCaches()) {
            assertFalse(cache.toString().contains("OTHER") || cache.toString().contains("SECRET"), cache.toString());
        }
    }

    @Test
    void everySettingThatShapesTheFetchSeparatesTheCache() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("shared", 86399)));
        commerceEchoesToken("shared");
        camel.start(c -> {
        });
        String base = "accs:get:/V1/products/{sku}";
        String[] variants = {
                base,
                base + "?tokenRefreshMargin=60000",
                base + "?tokenExpiryMargin=5000",
                base + "?imsRefusalCooldown=1000",
                base + "?imsMaxRetries=1",
                base + "?imsRetryDelay=50",
                base + "?connectTimeout=2500",
                base + "?readTimeout=2500",
                base + "?scopes=AdobeID,openid,commerce.accs",
                base + "?imsUrl=" + wm.baseUrl() + "/",
        };

        for (String uri : variants) {
            assertEquals("shared", tokenSeenBy(uri), uri);
        }

        assertEquals(variants.length, camel.accs().tokenCaches().size(), "one cache per distinct setting");
    }

    @Test
    void endpointsThatAgreeShareOneCache() {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse("shared", 86399)));
        commerceEchoesToken("shared");
        camel.start(c -> {
        });

        tokenSeenBy("accs:get:/V1/products/{sku}");
        tokenSeenBy("accs:get:/V1/products/{sku}?fields=sku&maxConnections=3");
        tokenSeenBy("accs:get:/V1/products/{sku}?clientSecret=RAW(" + CLIENT_SECRET + ")");

        assertEquals(1, camel.accs().tokenCaches().size());
        assertEquals(1, camel.accs().getTokenFetchCount());
    }

    @Test
    void refreshTokenClientWithAnotherStoreGetsItsOwnCache() throws Exception {
        Path first = dir.resolve("first.properties");
        Path second = dir.resolve("second.properties");
        Files.writeString(first, CLIENT_ID + "=rt-first\n");
        Files.writeString(second, CLIENT_ID + "=rt-second\n");
        for (String who : new String[] { "first", "second" }) {
            wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withFormParam("refresh_token", equalTo("rt-" + who))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"access_token\":\"access-" + who + "\",\"refresh_token\":\"rt-" + who
                                      + "-2\",\"expires_in\":86399}")));
            commerceEchoesToken("access-" + who);
        }
        camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            c.setTokenStoreFile(first.toString());
        });

        Object viaComponentStore = tokenSeenBy("accs:get:/V1/products/{sku}");
        Object viaEndpointStore = tokenSeenBy("accs:get:/V1/products/{sku}?tokenStoreFile=" + second);

        assertEquals("access-first", viaComponentStore);
        assertEquals("access-second", viaEndpointStore, "the endpoint's tokenStoreFile is used, not ignored");
        assertEquals(2, camel.accs().tokenCaches().size());
        assertEquals(CLIENT_ID + "=rt-second-2", Files.readAllLines(second).stream()
                .filter(l -> l.startsWith(CLIENT_ID)).findFirst().orElseThrow());
    }
}
