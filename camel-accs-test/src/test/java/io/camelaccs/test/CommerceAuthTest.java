package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commerce accepts only tokens the simulated IMS issued and that are still valid, with the right API key. */
class CommerceAuthTest {

    private static final AdjustableClock CLOCK = new AdjustableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private static final String PRODUCTS = "/V1/products?searchCriteria[pageSize]=1";

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR
            = new SimulatorPerClass(AccsSimulator.builder().products(3).orders(0).tokenLifetime(Duration.ofMinutes(5))
                    .clock(CLOCK));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @Test
    void validTokenPasses() {
        assertEquals(200, client.get(PRODUCTS).status());
    }

    @Test
    void unknownTokenGetsCommerceError() {
        client.useToken("eyJhbGciOiJSUzI1NiJ9.e30.forged");

        SimClient.Reply reply = client.get(PRODUCTS);

        assertEquals(401, reply.status());
        assertEquals("The consumer isn't authorized to access %resources.", reply.json().get("message").asText());
        assertEquals("Magento_Catalog::products", reply.json().get("parameters").get("resources").asText());
    }

    @Test
    void missingAuthorizationIsRefused() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + PRODUCTS))
                .header("x-api-key", sim.clientId()).GET().build();

        assertEquals(401, client.raw(request).status());
    }

    @Test
    void expiredTokenIsRefused() {
        client.token();
        CLOCK.advance(Duration.ofMinutes(5));
        try {
            assertEquals(401, client.get(PRODUCTS).status());
        } finally {
            CLOCK.advance(Duration.ofMinutes(-5));
        }
    }

    @Test
    void revokedTokenIsRefused() {
        client.token();
        SimClient other = new SimClient(sim);
        other.token();

        assertTrue(sim.faults().revokeLatestAccessToken());

        assertEquals(401, other.get(PRODUCTS).status());
        assertEquals(200, client.get(PRODUCTS).status());
        assertTrue(sim.faults().revokeAllTokens() > 0);
        assertEquals(401, client.get(PRODUCTS).status());
        // a new token works again
        assertEquals(200, new SimClient(sim).get(PRODUCTS).status());
    }

    @Test
    void revokeTokenByValue() {
        String token = sim.issueAccessToken();
        client.useToken(token);
        assertEquals(200, client.get(PRODUCTS).status());

        assertTrue(sim.faults().revokeToken(token));
        assertFalse(sim.faults().revokeToken("never-issued"));

        assertEquals(401, client.get(PRODUCTS).status());
    }

    @Test
    void apiKeyMustBeTheClientId() {
        SimClient.Reply reply = client.commerce("GET", PRODUCTS, null, Map.of("x-api-key", "other"));

        assertEquals(401, reply.status());
        assertTrue(reply.json().get("message").asText().contains("x-api-key"));
    }

    @Test
    void foreignOrganizationIsForbidden() {
        assertEquals(403, client.commerce("GET", PRODUCTS, null, Map.of("x-gw-ims-org-id", "OTHER@AdobeOrg")).status());
    }

    @Test
    void unknownRouteIsNotFoundEvenBeforeAuthentication() {
        client.useToken("bogus");

        SimClient.Reply reply = client.get("/V1/nothing-here");

        assertEquals(404, reply.status());
        assertEquals("Request does not match any route.", reply.json().get("message").asText());
    }
}
