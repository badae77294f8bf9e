package io.camelaccs.component;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.LogCapture;
import io.camelaccs.testsupport.SecretForms;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the token scenarios with every logger of the JVM at its most verbose level (HttpClient's header and wire
 * loggers included) and looks for each credential, in every form it travels in ({@link SecretForms}), in the log
 * output, exception texts, toString of what holds credentials, every JMX attribute of the context, every health check
 * result and the dev consoles. The secrets hold characters that each encoding changes, so a Base64 Basic header or a
 * URL-encoded form body is found as surely as the plain text.
 */
class SecretHygieneTest {

    private static final String CLIENT_SECRET = "p8e-SECRET/never+in=logs&\"ü\\x";
    private static final String TOKEN_1 = "eyJ-ACCESS/one+SECRET=\"q\\1";
    private static final String TOKEN_2 = "eyJ-ACCESS/two+SECRET=\"q\\2";
    private static final String REFRESH_0 = "rt-REFRESH/zero+SECRET=\"ü\\0";
    private static final String REFRESH_1 = "rt-REFRESH/one+SECRET=\"ü\\1";
    private static final String CALLER_TOKEN = "caller-ACCESS/TOKEN+SECRET=\"q\\";
    // a PaaS shop's credentials: integration (OAuth 1.0a) and Admin user, and the admin token it issues
    private static final String CONSUMER_SECRET = "cs-CONSUMER/secret+SECRET=\"ü\\c";
    private static final String INTEGRATION_TOKEN = "at-INTEGRATION/token+SECRET=\"q\\i";
    private static final String TOKEN_SECRET = "ts-TOKEN/secret+SECRET=\"ü\\t";
    private static final String ADMIN_PASSWORD = "pw-ADMIN/password+SECRET=\"ü\\a";
    private static final String ADMIN_TOKEN = "adm-ADMIN/token+SECRET=\"q\\a";
    private static final List<String> SECRETS = List.of(CLIENT_SECRET, TOKEN_1, TOKEN_2, REFRESH_0, REFRESH_1,
            CALLER_TOKEN, CONSUMER_SECRET, INTEGRATION_TOKEN, TOKEN_SECRET, ADMIN_PASSWORD, ADMIN_TOKEN);
    private static final SecretForms FORMS = new SecretForms(CLIENT_ID, SECRETS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    /** No secret unless a scenario's settings give one. */
    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, null);

    /** What the scenarios showed besides logs, by where it was seen. */
    private final List<String[]> seen = new ArrayList<>();

    @Test
    void theSecretsChangeInEveryEncoding() {
        // otherwise a search for the encoded forms would find nothing the plain search does not
        for (String secret : SECRETS) {
            assertEquals(4, Set.copyOf(SecretForms.mainForms(CLIENT_ID, secret)).size(), secret);
        }
    }

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
                                                    + "&refreshToken=RAW(" + REFRESH_0 + ")&accessToken=RAW("
                                                    + CALLER_TOKEN + ")&consumerSecret=RAW(" + CONSUMER_SECRET
                                                    + ")&accessTokenSecret=RAW(" + TOKEN_SECRET
                                                    + ")&adminPassword=RAW(" + ADMIN_PASSWORD + ")");
            see("endpoint toString", endpoint.toString());
            see("sanitised endpoint URI", URISupport.sanitizeUri(endpoint.getEndpointUri()));
            see("endpoint configuration", ((AccsEndpoint) endpoint).getConfiguration().toString());
            see("endpoint registry", context.getEndpointRegistry().values().toString());
            addRoutes(context);
            observe(context);
        } finally {
            context.stop();
        }
        assertSeenHoldsNoSecret();
    }

    @Test
    void noCredentialInAnyFormReachesLogsMessagesJmxHealthOrConsoles() throws Exception {
        LogCapture capture = new LogCapture();
        try (capture) {
            clientCredentialsScenarios();
            refreshTokenScenario();
            accessTokenScenario();
            integrationScenario();
            adminTokenScenario();
        }
        String logs = capture.text();
        // kept for a reader of a failure: the whole capture
        Files.writeString(Path.of("target", "secret-hygiene-trace.log"), logs);

        FORMS.assertNoneIn("the log output", logs);
        assertSeenHoldsNoSecret();

        // the capture saw what it searches: a silent logger would make the search pass for nothing
        assertTrue(capture.linesOf("io.camelaccs").stream().anyMatch(l -> l.level().equals("DEBUG")),
                "the component's debug logging");
        assertTrue(logs.contains("HTTP 401"), "the scenarios' failures");
        List<String> headers = capture.linesOf(LogCapture.HTTP_HEADERS).stream().map(LogCapture.Line::text).toList();
        assertTrue(headers.stream().anyMatch(h -> h.contains(">> POST " + wm.baseUrl() + TOKEN_PATH)
                                                  || h.contains(">> POST " + TOKEN_PATH)),
                "HttpClient's header log shows the token requests: " + headers);
        long authorizationLines = headers.stream().filter(h -> h.contains(">> Authorization: ")).count();
        // one per Commerce request (Bearer) and per token request of the refresh grant (Basic): all masked
        assertTrue(authorizationLines >= 5, "HttpClient's header log shows the Authorization headers: " + headers);
        assertEquals(authorizationLines, headers.stream().filter(h -> h.contains(">> Authorization: ****")).count(),
                "each masked");

    }

    private void clientCredentialsScenarios() throws Exception {
        wm.resetAll();
        // a first token Commerce rejects, then a good one; IMS fails once in between
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenJson(TOKEN_1, null))).willSetStateTo("outage"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("outage")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("back")
                .willReturn(okJson(tokenJson(TOKEN_2, null))).willSetStateTo("refusing"));
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
            addRoutes(context);
            ProducerTemplate template = context.createProducerTemplate();
            template.requestBodyAndHeader("direct:get", null, "sku", "A"); // 401, refresh after a 503
            observe(context);
            // the token is dropped, IMS now refuses: the refusal and its cached replay
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            accs.tokenCaches().forEach(cache -> cache.rejected(cache.peek()));
            capture(() -> template.requestBodyAndHeader("direct:get", null, "sku", "B"));
            capture(() -> template.requestBodyAndHeader("direct:get", null, "sku", "C"));
            accs.tokenCaches().forEach(cache -> see("token cache", cache.toString()));
            observe(context);
        } finally {
            context.stop();
        }
    }

    private void refreshTokenScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("refresh_token=" + java.net.URLEncoder.encode(REFRESH_0,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .willReturn(okJson(tokenJson(TOKEN_1, REFRESH_1))));
        wm.stubFor(get(urlPathMatching("/t/V1/.*")).willReturn(okJson("{}")));
        Path store = dir.resolve("tokens.properties");
        CamelContext context = camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            c.setClientSecret(CLIENT_SECRET);
            c.setRefreshToken(REFRESH_0);
            c.setTokenStoreFile(store.toString());
        }).context();
        try {
            addRoutes(context);
            context.createProducerTemplate().requestBody("direct:storeViews", (Object) null);
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            see("component configuration", accs.getConfiguration().toString());
            accs.tokenCaches().forEach(cache -> {
                see("token cache", cache.toString());
                cache.rejected(cache.peek());
            });
            // the next request authenticates again with the refresh token IMS rotated (Basic again)
            wm.stubFor(post(urlEqualTo(TOKEN_PATH))
                    .withRequestBody(containing("refresh_token=" + java.net.URLEncoder.encode(REFRESH_1,
                            java.nio.charset.StandardCharsets.UTF_8)))
                    .willReturn(okJson(tokenJson(TOKEN_2, REFRESH_1))));
            context.createProducerTemplate().requestBody("direct:storeViews", (Object) null);
            observe(context);
        } finally {
            context.stop();
        }
        assertEquals(2, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Authorization", containing("Basic ")).build()).getCount(),
                "two refresh grants, authenticated with Basic: HttpClient's header log saw Basic credentials");
    }

    private void accessTokenScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(get(urlPathMatching("/t/V1/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Token expired\"}")));
        CamelContext context = camel.start(c -> c.setAuthenticationType(AuthenticationType.ACCESS_TOKEN)).context();
        try {
            addRoutes(context);
            capture(() -> context.createProducerTemplate().requestBodyAndHeaders("direct:storeViews", null,
                    Map.of(AccsConstants.ACCESS_TOKEN, CALLER_TOKEN)));
            observe(context);
        } finally {
            context.stop();
        }
    }

    /** A PaaS integration: signed requests, one refused with an OAuth problem, then the bearer variant refused. */
    private void integrationScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(get(urlPathMatching("/rest/default/V1/products/A")).willReturn(okJson("{\"sku\":\"A\"}")));
        wm.stubFor(get(urlPathMatching("/rest/default/V1/products/B")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"oauth_problem=%1\",\"parameters\":[\"signature_invalid\"]}")));
        wm.stubFor(get(urlPathMatching("/rest/default/V1/store/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"The consumer isn't authorized to access %resources.\","
                          + "\"parameters\":{\"resources\":\"Magento_Backend::store\"}}")));
        for (boolean asBearer : new boolean[] { false, true }) {
            CamelContext context = camel.start(c -> {
                c.setPlatform(io.camelaccs.platform.Platform.PAAS);
                c.setBaseUrl(wm.baseUrl() + "/rest");
                c.setAuthenticationType(AuthenticationType.INTEGRATION);
                c.setConsumerKey("ck-integration");
                c.setConsumerSecret(CONSUMER_SECRET);
                c.setAccessToken(INTEGRATION_TOKEN);
                c.setAccessTokenSecret(TOKEN_SECRET);
                c.setIntegrationAsBearer(asBearer);
            }).context();
            try {
                addRoutes(context);
                ProducerTemplate template = context.createProducerTemplate();
                template.requestBodyAndHeader("direct:get", null, "sku", "A");
                capture(() -> template.requestBodyAndHeader("direct:get", null, "sku", "B"));
                capture(() -> template.requestBody("direct:storeViews", (Object) null));
                see("component configuration", context.getComponent("accs", AccsComponent.class).getConfiguration()
                        .toString());
                observe(context);
            } finally {
                context.stop();
            }
        }
        assertEquals(1, wm.countRequestsMatching(getRequestedFor(urlPathMatching("/rest/default/V1/products/A"))
                .withHeader("Authorization", containing("oauth_signature=")).build()).getCount(),
                "one signed request (the other scenario sent the bearer)");
    }

    /** A PaaS Admin user: a token fetched with the password, used as a bearer, then refused and fetched again. */
    private void adminTokenScenario() throws Exception {
        wm.resetAll();
        wm.stubFor(post(urlEqualTo("/rest/default/V1/integration/admin/token"))
                .willReturn(okJson(JSON.writeValueAsString(ADMIN_TOKEN))));
        wm.stubFor(get(urlPathMatching("/rest/default/V1/.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"The consumer isn't authorized to access %resources.\","
                          + "\"parameters\":{\"resources\":\"Magento_Backend::store\"}}")));
        CamelContext context = camel.start(c -> {
            c.setPlatform(io.camelaccs.platform.Platform.PAAS);
            c.setBaseUrl(wm.baseUrl() + "/rest");
            c.setAuthenticationType(AuthenticationType.ADMIN_TOKEN);
            c.setAdminUsername("sim-admin");
            c.setAdminPassword(ADMIN_PASSWORD);
        }).context();
        try {
            addRoutes(context);
            capture(() -> context.createProducerTemplate().requestBody("direct:storeViews", (Object) null));
            AccsComponent accs = context.getComponent("accs", AccsComponent.class);
            accs.tokenCaches().forEach(cache -> see("token cache", cache.toString()));
            observe(context);
        } finally {
            context.stop();
        }
        assertEquals(2, wm.countRequestsMatching(postRequestedFor(urlEqualTo("/rest/default/V1/integration/admin/token"))
                .withRequestBody(containing("password")).build()).getCount(),
                "the admin token, and its replacement after the 401");
    }

    private static String tokenJson(String token, String refreshToken) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("access_token", token);
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("token_type", "bearer");
        body.put("expires_in", 86399);
        return JSON.writeValueAsString(body);
    }

    /**
     * What an operator sees of a running context: every health check (producer checks on), every attribute of every
     * JMX bean of the context, the dev consoles, and the routes' endpoints.
     */
    private void observe(CamelContext context) throws Exception {
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        for (HealthCheck.Result r : HealthCheckHelper.invoke(context)) {
            see("health check " + r.getCheck().getId(), r.getState() + " " + r.getMessage().orElse("") + " "
                                                        + r.getDetails() + " " + r.getError().map(Throwable::toString)
                                                                .orElse(""));
        }
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = mbeans.queryNames(
                new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",*"), null);
        assertFalse(names.isEmpty(), "the context is in JMX");
        for (ObjectName name : names) {
            for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                try {
                    see("JMX " + name + " " + attribute.getName(), String.valueOf(mbeans.getAttribute(name,
                            attribute.getName())));
                } catch (Exception e) {
                    see("JMX " + name + " " + attribute.getName() + " failing", exceptionText(e));
                }
            }
        }
        DevConsoleRegistry consoles = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        for (String id : List.of("accs", "context", "route", "endpoint", "health", "properties", "bean", "producer",
                "consumer", "service")) {
            consoles.resolveById(id);
        }
        consoles.stream().forEach(console -> {
            for (DevConsole.MediaType type : DevConsole.MediaType.values()) {
                if (console.supportMediaType(type)) {
                    try {
                        see("dev console " + console.getId() + " " + type, String.valueOf(console.call(type)));
                    } catch (RuntimeException e) {
                        see("dev console " + console.getId() + " failing", exceptionText(e));
                    }
                }
            }
        });
        see("endpoints", context.getEndpoints().toString());
        context.getRoutes().forEach(r -> see("route " + r.getId(), r.toString() + " " + r.getEndpoint()));
    }

    /** The scenarios call Commerce through routes, so their producers have health checks and JMX beans. */
    private static void addRoutes(CamelContext context) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").routeId("get").to("accs:get:/V1/products/{sku}");
                from("direct:storeViews").routeId("storeViews").to("accs:get:/V1/store/storeViews");
            }
        });
    }

    private void capture(Supplier<Object> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            see("an exception of a failed exchange", exceptionText(e));
        }
    }

    /** Message, toString and stack trace of the exception and every cause. */
    private static String exceptionText(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        StringBuilder sb = new StringBuilder(out.toString());
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append('\n').append(t.getMessage()).append('\n').append(t);
        }
        return sb.toString();
    }

    private void see(String where, String text) {
        seen.add(new String[] { where, text });
    }

    private void assertSeenHoldsNoSecret() {
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().anyMatch(s -> s[0].startsWith("JMX")), "JMX attributes were read");
        assertTrue(seen.stream().anyMatch(s -> s[0].startsWith("dev console accs")), "the accs console was read");
        for (String[] s : seen) {
            FORMS.assertNoneIn(s[0], s[1]);
        }
    }
}
