package io.camelaccs.ims;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.testsupport.ImsStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Outside a CamelContext (the login helper, a cache built by hand) token requests use the shared standalone
 * scheduler: an IMS retry's pause and the fetch that waits for it must not need the same thread.
 */
class StandaloneTokenFetchTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HttpTransport transport = new HttpTransport(new HttpSettings(5_000, 5_000, 2, null, null, null), null);

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void anAsynchronousCallerGetsTheTokenOfAFetchThatWaitedOutAnImsRetry() throws Exception {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("ims").whenScenarioStateIs("up")
                .willReturn(ImsStubs.tokenResponse("token-after-retry", 86399)));
        ImsClient ims = new ImsClient(wm.baseUrl(), transport, 2, Duration.ofMillis(20), Clock.systemUTC());
        TokenCache cache = new TokenCache(new ClientCredentialsSource(ims, "client", "secret", List.of("commerce.accs")),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), null, Clock.systemUTC());

        AccessToken token = cache.tokenAsync().get(10, TimeUnit.SECONDS);

        assertEquals("token-after-retry", token.value());
        assertEquals(2, ImsStubs.tokenRequests(wm));
    }
}
