package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client credentials grant and IMS's refusals. */
class ImsTokenTest {

    @RegisterExtension
    static final SimulatorPerClass SIMULATOR = new SimulatorPerClass(
            AccsSimulator.builder().products(5).orders(1).tokenLifetime(Duration.ofMinutes(30)));

    private final AccsSimulator sim = SIMULATOR.get();
    private final SimClient client = new SimClient(sim);

    @BeforeEach
    void reset() {
        sim.resetCounters();
        sim.faults().clear();
    }

    @Test
    void issuesTokenWithExpiryInSeconds() throws Exception {
        SimClient.Reply reply = client.clientCredentials();

        assertEquals(200, reply.status());
        assertEquals("bearer", reply.json().get("token_type").asText());
        assertEquals(1800, reply.json().get("expires_in").asLong());
        assertNotNull(reply.header("x-debug-id"));
        assertEquals(1, sim.tokenRequests());
        // the JWT's own claims are in milliseconds, as IMS's are, to catch a client reading the wrong unit
        String token = reply.json().get("access_token").asText();
        JsonNode claims = SimClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("1800000", claims.get("expires_in").asText());
        assertEquals(sim.clientId(), claims.get("client_id").asText());
    }

    @Test
    void tokensWork() {
        assertEquals(200, client.get("/V1/products/" + SimClient.sku(sim.products().skus().get(0))).status());
    }

    @Test
    void eachRequestIssuesANewToken() {
        String first = client.clientCredentials().json().get("access_token").asText();
        String second = client.clientCredentials().json().get("access_token").asText();

        assertNotEquals(first, second);
        assertEquals(2, sim.tokenRequests());
    }

    @Test
    void acceptsBasicAuthentication() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "client_credentials", "scope",
                AccsSimulator.SCOPES), SimClient.basic(sim.clientId(), sim.clientSecret()));

        assertEquals(200, reply.status());
    }

    @Test
    void refusesWrongSecret() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "client_credentials", "client_id",
                sim.clientId(), "client_secret", "wrong", "scope", AccsSimulator.SCOPES), null);

        assertEquals(400, reply.status());
        assertEquals("invalid_client", reply.json().get("error").asText());
        assertTrue(reply.json().has("error_description"));
        assertNotNull(reply.header("x-debug-id"));
        assertEquals(1, sim.tokenRequests());
    }

    @Test
    void refusesUnknownClient() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "client_credentials", "client_id",
                "someone-else", "client_secret", sim.clientSecret(), "scope", AccsSimulator.SCOPES), null);

        assertEquals("invalid_client", reply.json().get("error").asText());
    }

    @Test
    void refusesScopeWithoutCommerce() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "client_credentials", "client_id",
                sim.clientId(), "client_secret", sim.clientSecret(), "scope", "AdobeID,openid"), null);

        assertEquals(400, reply.status());
        assertEquals("invalid_scope", reply.json().get("error").asText());
        assertNotNull(reply.header("x-debug-id"));
    }

    @Test
    void refusesUnsupportedGrant() {
        SimClient.Reply reply = client.tokenRequest(SimClient.form("grant_type", "password", "client_id",
                sim.clientId()), null);

        assertEquals("unsupported_grant_type", reply.json().get("error").asText());
    }

    @Test
    void refusesJsonAndQueryStrings() {
        HttpRequest json = HttpRequest.newBuilder(URI.create(sim.imsUrl() + "/ims/token/v3"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build();
        assertEquals("invalid_request", client.raw(json).json().get("error").asText());

        String form = SimClient.form("grant_type", "client_credentials", "client_id", sim.clientId(), "client_secret",
                sim.clientSecret(), "scope", AccsSimulator.SCOPES);
        HttpRequest query = HttpRequest.newBuilder(URI.create(sim.imsUrl() + "/ims/token/v3?" + form))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        assertEquals("invalid_request", client.raw(query).json().get("error").asText());
    }

    @Test
    void unknownImsPathIsNotFound() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.imsUrl() + "/ims/token/v1")).GET().build();

        SimClient.Reply reply = client.raw(request);

        assertEquals(404, reply.status());
        assertEquals("Request does not match any route.", reply.json().get("message").asText());
    }
}
