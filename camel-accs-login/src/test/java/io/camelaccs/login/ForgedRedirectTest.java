package io.camelaccs.login;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.InMemoryTokenStore;
import io.camelaccs.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.login.AuthorizationCodeFlowTest.CLIENT_ID;
import static io.camelaccs.login.AuthorizationCodeFlowTest.CLIENT_SECRET;
import static io.camelaccs.login.AuthorizationCodeFlowTest.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page the user visits while the login helper waits fires a request at the local redirect listener, with an
 * {@code error} and a state it had to guess. The listener checks the state first: the request is refused, the login
 * is not aborted, the attacker's error text is never reported as the outcome, and the user's real sign-in completes.
 */
class ForgedRedirectTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().templatingEnabled(true)).build();

    private final HttpTransport transport = new HttpTransport(new HttpSettings(5_000, 5_000, 2, null, null, null), null);
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    private HttpResponse<String> browse(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forgedErrorWithWrongStateNeitherAbortsTheLoginNorBecomesItsOutcome() throws Exception {
        AuthorizationCodeFlowTest.stubImsFor(wm);
        InMemoryTokenStore store = new InMemoryTokenStore();
        ImsClient ims = new ImsClient(wm.baseUrl(), transport, 0, Duration.ofMillis(10), Clock.systemUTC());
        try (LogCapture logs = new LogCapture();
             AuthorizationCodeFlow flow = new AuthorizationCodeFlow(wm.baseUrl(), CLIENT_ID, CLIENT_SECRET, null, 0,
                     null, Duration.ofSeconds(10), ims, store)) {
            String authorizeUrl = flow.start();
            CompletableFuture<Void> done = CompletableFuture.runAsync(flow::complete);

            HttpResponse<String> forged = browse(flow.redirectUri() + "?error=access_denied"
                                                 + "&error_description=Call%20evil.example%20to%20fix%20this"
                                                 + "&state=guessed");
            HttpResponse<String> missingState = browse(flow.redirectUri() + "?error=server_error");

            assertEquals(400, forged.statusCode());
            assertEquals(400, missingState.statusCode());
            assertFalse(forged.body().contains("evil.example"), "nothing of the request is echoed");
            assertFalse(done.isDone(), "the login still waits for its own redirect");

            HttpResponse<String> signedIn = browse(authorizeUrl);
            done.get(10, TimeUnit.SECONDS);

            assertEquals(200, signedIn.statusCode());
            assertEquals(AuthorizationCodeFlowTest.REFRESH_TOKEN, store.readRefreshToken(CLIENT_ID));
            assertEquals(1, wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount());
            for (String echoed : java.util.List.of("evil.example", "access_denied", "server_error")) {
                assertFalse(logs.text().contains(echoed), "the log repeats the forged request's " + echoed);
            }
        }
    }
}
