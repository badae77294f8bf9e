package io.camelaccs.component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.ImsStubs;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.URISupport;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the token scenarios with every logger of the JVM at TRACE and looks for credentials in the log output, in the
 * exception messages and in what Camel shows of endpoints.
 */
class SecretHygieneTest {

    private static final String TOKEN_1 = "eyJ-ACCESS-TOKEN-one-SECRET";
    private static final String TOKEN_2 = "eyJ-ACCESS-TOKEN-two-SECRET";
    private static final String REFRESH_0 = "rt-REFRESH-zero-SECRET";
    private static final String REFRESH_1 = "rt-REFRESH-one-SECRET";
    private static final String CALLER_TOKEN = "caller-ACCESS-TOKEN-SECRET";
    private static final List<String> SECRETS = List.of(CLIENT_SECRET, TOKEN_1, TOKEN_2, REFRESH_0, REFRESH_1,
            CALLER_TOKEN);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    /** No secret unless a scenario's settings give one. */
    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, null);

    private final List<String> seen = new ArrayList<>();

    /**
     * Camel core itself echoes a raw endpoint URI at TRACE while it resolves it (AbstractCamelContext, EndpointHelper),
     * so secrets belong in component options and property placeholders, not in URIs; what Camel shows of an endpoint
     * afterwards is sanitised.
     */
    @Test
    void secretInEndpointUriIsSanitisedWhereCamelShowsTheEndpoint() throws Exception {
        wm.resetAll();
        CamelContext context = camel.start(c -> c.setClientSecret("component-level")).context();
        try {
            Endpoint endpoint = context.getEndpoint("accs:get:/V1/products/{sku}?clientSecret=RAW(" + CLIENT_SECRET + ")"
                                                    + "&refreshToken=" + REFRESH_0 + "&accessToken=" + CALLER_TOKEN);
            seen.add(endpoint.toString());
            seen.add(URISupport.sanitizeUri(endpoint.getEndpointUri()));
            seen.add(((AccsEndpoint) endpoint).getConfiguration().toString());
            seen.add(context.getEndpointRegistry().values().toString());
        } finally {
            context.stop();
        }
        for (String secret : SECRETS) {
            for (String s : seen) {
                assertFalse(s.contains(secret), () -> "endpoint text shows " + secret + ": " + s);
            }
        }
    }

    @Test
    void noCredentialReachesLogsOrExceptionMessages() throws Exception {
        String logs;
        try (LogCapture capture = new LogCapture()) {
            clientCredentialsScenarios();
            refreshTokenScenario();
            accessTokenScenario();
            logs = capture.text();
        }
        // kept for a reader of a failure: the whole capture
        java.nio.file.Files.writeString(Path.of("target", "secret-hygiene-trace.log"), logs);

        assertTrue(logs.contains("TRACE") || logs.contains("DEBUG"), "the capture saw the component's debug logging");
        assertTrue(logs.contains("HTTP 401"), "and the scenarios' failures");
        for (String secret : SECRETS) {
            assertFalse(logs.contains(secret), () -> "log output shows " + secret + ":\n" + excerpt(logs, secret));
            for (String s : seen) {
                assertFalse(s.contains(secret), () -> "an exception message or endpoint text shows " + secret + ": " + s);
            }
        }
    }

    private void clientCredentialsScenarios() throws Exception {
        wm.resetAll();
        // a first token Commerce rejects, then a good one; IMS fails once in between
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ImsStubs.tokenResponse(TOKEN_1, 86399)).willSetStateTo("outage"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("outage")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("back")
                .willReturn(ImsStubs.tokenResponse(TOKEN_2, 86399)).willSetStateTo("refusing"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("refusing")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client_secret\"}")));
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"The consumer isn't authorized to access %resources.\","
                                  + "\"parameters\":{\"resources\":\"Magento_Catalog::products\"}}")));
        wm.stubFor(get(urlPathMatching("/t/V1/products/.*")).withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
                .willReturn(okJson("{\"sku\":\"A\"}")));

        CamelContext context = camel.start(c -> {
            c.setClientSecret(CLIENT_SECRET);
            c.setImsRetryDelay(1);
            c.setImsRefusalCooldown(60_000);
        }).context();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "A"); // 401, refresh after a 503
            // the token is dropped, IMS now refuses: the refusal and its cached replay
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            accs.tokenCaches().forEach(cache -> cache.rejected(cache.peek()));
            capture(() -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "B"));
            capture(() -> template.requestBodyAndHeader("accs:get:/V1/products/{sku}", null, "sku", "C"));
            accs.tokenCaches().forEach(cache -> seen.add(cache.toString()));
        } finally {
            context.stop();
        }
    }

    private void refreshTokenScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("refresh_token=" + REFRESH_0))
                .willReturn(okJson("{\"access_token\":\"" + TOKEN_1 + "\",\"refresh_token\":\"" + REFRESH_1
                                   + "\",\"expires_in\":86399}")));
        wm.stubFor(get(urlPathMatching("/t/V1/.*")).willReturn(okJson("{}")));
        Path store = dir.resolve("tokens.properties");
        CamelContext context = camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            c.setClientSecret(CLIENT_SECRET);
            c.setRefreshToken(REFRESH_0);
            c.setTokenStoreFile(store.toString());
        }).context();
        try {
            context.createProducerTemplate().requestBody("accs:get:/V1/store/storeViews", (Object) null);
            seen.add(context.getComponent("accs", AccsComponent.class).getConfiguration().toString());
        } finally {
            context.stop();
        }
    }

    private void accessTokenScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(get(urlPathMatching("/t/V1/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Token expired\"}")));
        CamelContext context = camel.start(c -> c.setAuthenticationType(AuthenticationType.ACCESS_TOKEN)).context();
        try {
            capture(() -> context.createProducerTemplate().requestBodyAndHeaders("accs:get:/V1/store/storeViews", null,
                    Map.of(AccsConstants.ACCESS_TOKEN, CALLER_TOKEN)));
        } finally {
            context.stop();
        }
    }

    private void capture(Supplier<Object> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.add(String.valueOf(t.getMessage()));
                seen.add(t.toString());
            }
        }
    }

    private static String excerpt(String logs, String secret) {
        int i = logs.indexOf(secret);
        return logs.substring(Math.max(0, i - 300), Math.min(logs.length(), i + 100));
    }
}
