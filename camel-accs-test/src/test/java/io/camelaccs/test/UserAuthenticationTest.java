package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authorization code with PKCE, refresh token rotation, revocation. */
class UserAuthenticationTest {

    private static final String REDIRECT = "http://127.0.0.1:8765/callback";
    private static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-0123456789";

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR = new SimulatorPerClass(AccsSimulator.builder().products(3).orders(0));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @BeforeEach
    void reset() {
        sim.faults().clear();
    }

    @Test
    void authorizeRedirectsWithCodeAndState() {
        SimClient.Reply reply = authorize(sim.clientId(), "state-1");

        assertEquals(302, reply.status());
        String location = reply.header("Location");
        assertTrue(location.startsWith(REDIRECT + "?code="), location);
        Map<String, List<String>> query = UrlCodec.decodeForm(URI.create(location).getRawQuery());
        assertNotNull(query.get("code"));
        assertEquals("state-1", query.get("state").get(0));
    }

    @Test
    void authorizeReportsErrorsOnTheRedirect() {
        assertTrue(authorize("not-the-client", "s").header("Location").contains("error=invalid_client&state=s"));

        sim.faults().denyAuthorization(1);
        assertTrue(authorize(sim.clientId(), "s").header("Location").contains("error=access_denied"));
        assertTrue(authorize(sim.clientId(), "s").header("Location").contains("code="));
    }

    @Test
    void publicClientExchangesCodeWithPkce() {
        String code = code();

        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "authorization_code", "code", code,
                "client_id", sim.clientId(), "code_verifier", VERIFIER, "redirect_uri", REDIRECT), null);

        assertEquals(200, reply.status(), reply.raw().body());
        assertNotNull(reply.json().get("access_token"));
        assertNotNull(reply.json().get("refresh_token"));
        assertNotNull(reply.json().get("id_token"));
        assertEquals(sim.clientId() + "@AdobeID", reply.json().get("sub").asText());
        assertEquals(86_399, reply.json().get("expires_in").asLong());
    }

    @Test
    void codeIsGoodOnceAndNeedsTheRightVerifier() {
        String code = code();
        String wrong = SimClient.form("grant_type", "authorization_code", "code", code, "client_id", sim.clientId(),
                "code_verifier", VERIFIER + "x");
        assertEquals("invalid_grant", client.tokenRequest(wrong, null).json().get("error").asText());

        // the failed attempt used the code up
        String right = SimClient.form("grant_type", "authorization_code", "code", code, "client_id", sim.clientId(),
                "code_verifier", VERIFIER);
        assertEquals("invalid_grant", client.tokenRequest(right, null).json().get("error").asText());
    }

    @Test
    void confidentialClientUsesBasicAuthentication() {
        String form = SimClient.form("grant_type", "authorization_code", "code", code(), "code_verifier", VERIFIER);

        assertEquals(200, client.tokenRequest(form, SimClient.basic(sim.clientId(), sim.clientSecret())).status());
        assertEquals("invalid_client",
                client.tokenRequest(form, SimClient.basic(sim.clientId(), "bad")).json().get("error").asText());
    }

    @Test
    void refreshTokensRotateAndCannotBeReused() {
        String first = sim.issueRefreshToken();

        SimClient.Reply refreshed = refresh(first);
        assertEquals(200, refreshed.status());
        String second = refreshed.json().get("refresh_token").asText();
        assertNotEquals(first, second);
        String access = refreshed.json().get("access_token").asText();
        client.useToken(access);
        assertEquals(200, client.get("/V1/store/storeViews").status());

        SimClient.Reply reused = refresh(first);
        assertEquals(400, reused.status());
        assertEquals("invalid_grant", reused.json().get("error").asText());
        assertNotNull(reused.header("x-debug-id"));

        assertEquals(200, refresh(second).status());
    }

    @Test
    void publicClientRefreshesWithClientIdOnly() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "refresh_token", "refresh_token",
                sim.issueRefreshToken(), "client_id", sim.clientId()), null);

        assertEquals(200, reply.status());
    }

    @Test
    void revokedRefreshTokenIsRefused() {
        String token = sim.issueRefreshToken();
        HttpRequest revoke = HttpRequest.newBuilder(URI.create(sim.imsUrl() + "/ims/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SimClient.form("token", token, "client_id", sim.clientId(),
                        "client_secret", sim.clientSecret()))).build();

        assertEquals(200, client.raw(revoke).status());
        assertEquals("invalid_grant", refresh(token).json().get("error").asText());
    }

    private SimClient.Reply refresh(String refreshToken) {
        return client.tokenRequest(SimClient.form("grant_type", "refresh_token", "refresh_token", refreshToken),
                SimClient.basic(sim.clientId(), sim.clientSecret()));
    }

    private String code() {
        String location = authorize(sim.clientId(), "st").header("Location");
        return UrlCodec.decodeForm(URI.create(location).getRawQuery()).get("code").get(0);
    }

    private SimClient.Reply authorize(String clientId, String state) {
        String url = sim.imsUrl() + "/ims/authorize/v2" + SimClient.query("client_id", clientId, "redirect_uri",
                REDIRECT, "scope", AccsSimulator.SCOPES + ",offline_access", "state", state, "response_type", "code",
                "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256");
        return client.raw(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
