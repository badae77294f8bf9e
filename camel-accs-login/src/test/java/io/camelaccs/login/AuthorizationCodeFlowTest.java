package io.camelaccs.login;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.FileTokenStore;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.InMemoryTokenStore;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.testsupport.LogCapture;
import io.camelaccs.testsupport.SecretForms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationCodeFlowTest {

    static final String CLIENT_ID = "login-client-id-0001";
    /** Characters each encoding changes, so the search of the log finds the Basic header's Base64 too. */
    static final String CLIENT_SECRET = "p8e-LOGIN-SECRET/never+in=logs\"ü";
    static final String ACCESS_TOKEN = "at-LOGIN-1/SECRET+x";
    static final String REFRESH_TOKEN = "rt-LOGIN-1/SECRET+x";
    static final String CODE = "the-AUTH-code-1";
    static final String TOKEN_PATH = "/ims/token/v3";
    /** What must never show in a log line, a message or the console. */
    static final List<String> SECRETS = List.of(ACCESS_TOKEN, REFRESH_TOKEN, CODE, CLIENT_SECRET);

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

    @TempDir
    Path dir;

    private HttpTransport transport;
    /** Stands in for the user's browser: follows IMS's redirect to the local listener. */
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
            .connectTimeout(Duration.ofSeconds(30)).build(); // generous: a loaded CI machine is slow to connect, not broken

    @BeforeEach
    void stubIms() {
        stubImsFor(wm);
        transport = new HttpTransport(new HttpSettings(5_000, 5_000, 2, null, null, null), null);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    /** IMS signs the user in at once and redirects with a code and the state it was given. */
    static void stubImsFor(WireMockExtension wm) {
        wm.stubFor(get(urlPathEqualTo("/ims/authorize/v2")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{request.query.redirect_uri}}?code=" + CODE + "&state={{request.query.state}}")
                .withTransformers("response-template")));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(
                okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"refresh_token\":\"" + REFRESH_TOKEN
                       + "\",\"expires_in\":86399,\"token_type\":\"bearer\"}")));
    }

    private AuthorizationCodeFlow flow(String secret, Duration timeout, TokenStore store) {
        ImsClient ims = new ImsClient(wm.baseUrl(), transport, 0, Duration.ofMillis(10), Clock.systemUTC());
        return new AuthorizationCodeFlow(wm.baseUrl(), CLIENT_ID, secret, null, 0, null, timeout, ims, store);
    }

    private HttpResponse<String> browse(String url) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void completesAgainstStubbedIms() throws Exception {
        FileTokenStore store = new FileTokenStore(dir.resolve("accs/refresh-tokens.properties"));
        LogCapture logs = new LogCapture();
        try (logs; AuthorizationCodeFlow flow = flow(CLIENT_SECRET, Duration.ofSeconds(10), store)) {
            String url = flow.start();
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            HttpResponse<String> page = browse(url);
            done.get(10, TimeUnit.SECONDS);

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("You can close this tab"), page.body());
            assertEquals(REFRESH_TOKEN, store.readRefreshToken(CLIENT_ID));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(store.file()));

            Map<String, String> authorize = form(URI.create(url).getRawQuery());
            assertEquals(CLIENT_ID, authorize.get("client_id"));
            assertEquals(flow.redirectUri(), authorize.get("redirect_uri"));
            assertEquals(AuthorizationCodeFlow.DEFAULT_SCOPES, authorize.get("scope"));
            assertEquals("code", authorize.get("response_type"));
            assertEquals("S256", authorize.get("code_challenge_method"));
            assertEquals(43, authorize.get("state").length(), "32 random bytes, base64url without padding");

            LoggedRequest token = single(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))));
            Map<String, String> sent = form(token.getBodyAsString());
            assertEquals("authorization_code", sent.get("grant_type"));
            assertEquals(CODE, sent.get("code"));
            assertEquals(flow.redirectUri(), sent.get("redirect_uri"));
            String verifier = sent.get("code_verifier");
            assertEquals(86, verifier.length(), "64 random bytes, base64url without padding");
            assertEquals(authorize.get("code_challenge"), sha256Base64Url(verifier));
            String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + basic, token.getHeader("Authorization"));
            assertFalse(sent.containsKey("client_secret"));
            assertFalse(sent.containsKey("client_id"), "a confidential client authenticates with Basic only");

            SecretForms forms = new SecretForms(CLIENT_ID, concat(SECRETS, verifier));
            forms.assertNoneIn("the log output", logs.text());
            forms.assertNoneIn("the flow", flow.toString());
            // every logger, HttpClient's header log included: the Basic header is there, masked
            assertFalse(logs.linesOf("io.camelaccs").isEmpty(), "the flow logs something");
            List<String> headers = logs.linesOf(LogCapture.HTTP_HEADERS).stream().map(LogCapture.Line::text).toList();
            assertTrue(headers.stream().anyMatch(h -> h.contains(">> Authorization: ****")),
                    "HttpClient's header log shows the token request's Authorization header, masked: " + headers);
        }
    }

    @Test
    void ignoresWrongStateAndKeepsWaitingForItsOwnRedirect() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        try (AuthorizationCodeFlow flow = flow(CLIENT_SECRET, Duration.ofSeconds(10), store)) {
            String state = form(URI.create(flow.start()).getRawQuery()).get("state");
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            HttpResponse<String> page = browse(flow.redirectUri() + "?code=" + CODE + "&state=forged-state");

            assertEquals(400, page.statusCode());
            assertTrue(page.body().contains("This redirect does not belong to the sign-in under way."), page.body());
            assertFalse(done.isDone(), "a forged redirect does not end the login");
            assertEquals(0, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount());

            assertEquals(200, browse(flow.redirectUri() + "?code=the-code&state=" + state).statusCode());
            done.get(10, TimeUnit.SECONDS);
            assertEquals(REFRESH_TOKEN, store.readRefreshToken(CLIENT_ID));
            assertEquals("the-code", form(single(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))))
                    .getBodyAsString()).get("code"), "only this login's code is exchanged");
        }
    }

    @Test
    void reportsAccessDenied() throws Exception {
        try (AuthorizationCodeFlow flow = flow(CLIENT_SECRET, Duration.ofSeconds(10), new InMemoryTokenStore())) {
            String state = form(URI.create(flow.start()).getRawQuery()).get("state");
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            HttpResponse<String> page = browse(flow.redirectUri() + "?error=access_denied"
                                               + "&error_description=The%20user%20declined&state=" + state);

            assertEquals(400, page.statusCode());
            ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
            AccsAuthenticationException denied = assertInstanceOf(AccsAuthenticationException.class, e.getCause());
            assertEquals("Adobe IMS denied the authorization: access_denied (The user declined)", denied.getMessage());
            assertEquals("access_denied", denied.getError());
            assertEquals(0, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount());
        }
    }

    @Test
    void timesOut() throws Exception {
        try (AuthorizationCodeFlow flow = flow(CLIENT_SECRET, Duration.ofMillis(200), new InMemoryTokenStore())) {
            flow.start();

            IllegalStateException e = assertThrows(IllegalStateException.class, flow::complete);

            assertEquals("No redirect from Adobe IMS within 0.2 seconds: open the authorize URL in a browser and sign in",
                    e.getMessage());
            assertThrows(IOException.class, () -> browse(flow.redirectUri() + "?code=late&state=x"),
                    "the listener is stopped");
        }
    }

    @Test
    void publicClientSendsClientIdAndNoBasicAuth() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        try (AuthorizationCodeFlow flow = flow(null, Duration.ofSeconds(10), store)) {
            String url = flow.start();
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            assertEquals(200, browse(url).statusCode());
            done.get(10, TimeUnit.SECONDS);

            LoggedRequest token = single(wm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))));
            Map<String, String> sent = form(token.getBodyAsString());
            assertEquals(CLIENT_ID, sent.get("client_id"));
            assertEquals("authorization_code", sent.get("grant_type"));
            assertTrue(sent.containsKey("code_verifier"));
            assertFalse(token.containsHeader("Authorization"));
            assertEquals(REFRESH_TOKEN, store.readRefreshToken(CLIENT_ID));
        }
    }

    @Test
    void failsWhenImsSendsNoRefreshToken() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":86399}")));
        InMemoryTokenStore store = new InMemoryTokenStore();
        try (AuthorizationCodeFlow flow = flow(CLIENT_SECRET, Duration.ofSeconds(10), store)) {
            String url = flow.start();
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            HttpResponse<String> page = browse(url);

            assertEquals(500, page.statusCode(), "the browser is not told it signed in");
            ExecutionException e = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
            assertEquals("IMS returned no refresh token: add offline_access to the scopes of the credential and of --scopes",
                    e.getCause().getMessage());
            assertNull(store.readRefreshToken(CLIENT_ID));
        }
    }

    private static LoggedRequest single(List<LoggedRequest> requests) {
        assertEquals(1, requests.size(), "token requests");
        return requests.get(0);
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String sha256Base64Url(String verifier) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static List<String> concat(List<String> secrets, String more) {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.add(more);
        return all;
    }
}
