package io.camelaccs.component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.testsupport.AccsOnWireMock;
import io.camelaccs.testsupport.LogCapture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_ID;
import static io.camelaccs.testsupport.ImsStubs.CLIENT_SECRET;
import static io.camelaccs.testsupport.ImsStubs.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refresh token IMS rotated is the only one it accepts afterwards: when the token store cannot keep it (a database
 * down for a moment), the component keeps it in memory, uses it for the next refresh and writes it again, rather than
 * failing the refresh and going back to the used token IMS refuses.
 */
class UnsavedRefreshTokenTest {

    private static final String PRODUCT = "accs:get:/V1/products/{sku}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    final AccsOnWireMock camel = new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);

    /** A store whose first write fails, as a database that is briefly down would. */
    static final class FlakyStore implements TokenStore {

        final Map<String, String> tokens = new ConcurrentHashMap<>();
        final List<String> writes = new CopyOnWriteArrayList<>();
        private final AtomicInteger failuresLeft = new AtomicInteger(1);

        @Override
        public String readRefreshToken(String clientId) {
            return tokens.get(clientId);
        }

        @Override
        public void writeRefreshToken(String clientId, String refreshToken) {
            writes.add(refreshToken);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the token database is unavailable");
            }
            tokens.put(clientId, refreshToken);
        }
    }

    /** IMS exchanges {@code from} once, for {@code access} and the rotated {@code next}; a second use is refused. */
    private static void rotatesOnce(String from, String access, String next) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withFormParam("refresh_token", equalTo(from))
                .inScenario(from).whenScenarioStateIs(STARTED).willSetStateTo("used")
                .willReturn(okJson("{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + next
                                   + "\",\"token_type\":\"bearer\",\"expires_in\":86399}")));
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).withFormParam("refresh_token", equalTo(from))
                .inScenario(from).whenScenarioStateIs("used")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refresh token already used\"}")));
    }

    private static void commerce(String accessToken, int status) {
        wm.stubFor(get(urlPathEqualTo("/t/V1/products/A")).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(status == 200 ? "{\"sku\":\"A\",\"seenWith\":\"" + accessToken + "\"}"
                                : "{\"message\":\"The consumer isn't authorized to access %resources.\"}")));
    }

    private static int refreshesWith(String refreshToken) {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withFormParam("refresh_token", equalTo(refreshToken)).build()).getCount();
    }

    private Exchange getProduct() {
        return camel.template().request(PRODUCT, e -> e.getMessage().setHeader("sku", "A"));
    }

    @Test
    void aRotatedTokenTheStoreCouldNotKeepIsUsedForTheNextRefreshAndWrittenThen() {
        FlakyStore store = new FlakyStore();
        rotatesOnce("rt-0", "a1", "rt-1");
        rotatesOnce("rt-1", "a2", "rt-2");
        commerce("a1", 200);
        commerce("a2", 200);
        camel.start(c -> {
            c.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
            c.setRefreshToken("rt-0");
            c.setTokenStore(store);
        });

        try (LogCapture logs = new LogCapture()) {
            Exchange first = getProduct();
            assertNull(first.getException(), "the access token is good although its refresh token was not stored");
            assertEquals("a1", first.getMessage().getBody(Map.class).get("seenWith"));

            // Commerce rejects a1 from now on: the refresh that follows must send rt-1, not the used rt-0
            commerce("a1", 401);
            Exchange second = getProduct();

            assertNull(second.getException(), "the next refresh used the token kept in memory");
            assertEquals("a2", second.getMessage().getBody(Map.class).get("seenWith"));
            assertEquals(1, refreshesWith("rt-0"), "the used refresh token is never sent again");
            assertEquals(1, refreshesWith("rt-1"));
            assertEquals(List.of("rt-1", "rt-1", "rt-2"), store.writes, "written again before the next refresh");
            assertEquals("rt-2", store.tokens.get(CLIENT_ID));
            assertTrue(logs.lines().stream().anyMatch(l -> l.level().equals("WARN")
                                                          && l.text().contains("Cannot keep the new refresh token")
                                                          && l.text().contains("the token database is unavailable")),
                    "the failed write is logged:\n" + logs.text());
            assertTrue(logs.lines().stream().noneMatch(l -> l.text().contains("rt-1") || l.text().contains("rt-2")),
                    "no refresh token in the logs:\n" + logs.text());
        }
    }
}
