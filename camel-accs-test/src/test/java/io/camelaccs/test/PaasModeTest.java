package io.camelaccs.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator as a PaaS shop, from the outside: its verifier against the published OAuth example, its paths, and
 * its admin tokens' lifetime.
 */
class PaasModeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** OAuth Core 1.0, Appendix A.5: the photos.example.net request, its base string and signature. */
    @Test
    void theVerifierReproducesThePublishedExample() {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", "dpf43f3p2l4k3l03");
        oauth.put("oauth_token", "nnch734d00sl2jdk");
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", "1191242096");
        oauth.put("oauth_nonce", "kllo9940pd9333jh");
        oauth.put("oauth_version", "1.0");
        String base = OAuth1Verifier.baseString("GET", "http", "photos.example.net:80", "/photos",
                "file=vacation.jpg&size=original", oauth);
        assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3D"
                     + "dpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26"
                     + "oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3D"
                     + "original", base);
        assertEquals("tR3+Ty81lMeYAr/Fid0kMTYa/WM=", OAuth1Verifier.signature("HMAC-SHA1", base, "kd94hf93k423kf44",
                "pfkkdhi9sl3r4s00"));
        assertEquals(Map.of("oauth_signature", "tR3+Ty81lMeYAr/Fid0kMTYa/WM=", "realm", "Photos"),
                OAuth1Verifier.headerParameters("OAuth realm=\"Photos\", oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa"
                                                + "%2FWM%3D\""));
    }

    @Test
    void adminTokensLiveTheirLifetimeAndAccsPathsAreNoRoutes() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-07T08:00:00Z"));
        try (AccsSimulator sim = AccsSimulator.builder().products(3).orders(1).paas().clock(clock)
                .adminTokenLifetime(Duration.ofHours(1)).build().start()) {
            String body = "{\"username\":\"" + sim.paas().adminUsername() + "\",\"password\":\""
                          + sim.paas().adminPassword() + "\"}";
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                    + "/default/V1/integration/admin/token")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            String bearer = "Bearer " + token.body().replace("\"", "");

            assertEquals(200, get(sim.baseUrl() + "/fr/V1/products?searchCriteria[pageSize]=1", bearer));
            assertEquals(404, get(sim.baseUrl() + "/default/V1/async/products", bearer), "the ACCS async form");
            assertEquals(404, get(sim.baseUrl().replace("/rest", "/" + sim.tenantId()) + "/V1/products", bearer),
                    "no ACCS tenant path on a PaaS shop");
            assertEquals(400, get(sim.baseUrl() + "/nowhere/V1/products?searchCriteria[pageSize]=1", bearer),
                    "an unknown store code");
            assertEquals(2, sim.requests("GET", "/V1/products"), "counted after the store code, whichever store");

            clock.advance(Duration.ofMinutes(61));
            assertEquals(401, get(sim.baseUrl() + "/default/V1/products?searchCriteria[pageSize]=1", bearer),
                    "an hour later");
            assertTrue(sim.paas().adminTokensIssued() == 1);
        }
    }

    @Test
    void aPathWithoutAStoreCodeIsTheDefaultStoreAsInMagento() throws Exception {
        try (AccsSimulator sim = AccsSimulator.builder().products(3).orders(1).paas().build().start()) {
            sim.paas().allowIntegrationAsBearer(true);
            String bearer = "Bearer " + sim.paas().accessToken();
            sim.products().storeName("24-MB01", "fr", "Sac Joust");
            String webhook = "{\"webhook\":{\"webhook_method\":\"" + CommerceWebhooks.SHIPPING_ESTIMATE
                             + "\",\"webhook_type\":\"before\",\"batch_name\":\"shop\",\"hook_name\":\"h\","
                             + "\"url\":\"http://127.0.0.1:1/hook\"}}";

            HttpResponse<String> product = send("GET", sim.baseUrl() + "/V1/products/24-MB01", bearer, null);
            HttpResponse<String> subscribe = send("POST", sim.baseUrl() + "/V1/webhooks/subscribe", bearer, webhook);
            String item = "{\"product\":{\"sku\":\"24-MB01\",\"price\":7}}";
            HttpResponse<String> async = send("PUT", sim.baseUrl() + "/async/V1/products/24-MB01", bearer, item);
            HttpResponse<String> bulk = send("PUT", sim.baseUrl() + "/async/bulk/V1/products/bySku", bearer,
                    "[" + item + "]");

            assertEquals(200, product.statusCode(), product.body());
            assertTrue(product.body().contains("\"Joust Duffle Bag\""), "the default store's name: " + product.body());
            assertEquals(200, subscribe.statusCode(), subscribe.body());
            assertEquals(1, sim.commerceWebhooks().list().size());
            assertEquals(200, async.statusCode(), async.body());
            assertEquals(200, bulk.statusCode(), bulk.body());
            assertEquals(1, sim.requests("PUT", "/async/V1/products/24-MB01"));
            assertEquals(1, sim.requests("PUT", "/async/bulk/V1/products/bySku"));
            assertEquals(400, get(sim.baseUrl() + "/nowhere/V1/products/24-MB01", bearer),
                    "a store code the shop does not have is still refused");
        }
    }

    @Test
    void theStandaloneSimulatorPlaysAPaasShopWithOneOption() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        try (AccsSimulator sim = AccsSimulatorMain.start(new java.io.PrintStream(printed, true,
                java.nio.charset.StandardCharsets.UTF_8), "--port", "0", "--products", "5", "--platform", "PAAS")) {
            String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(sim.isPaas());
            assertTrue(text.startsWith("PaaS simulator running on "), text);
            assertTrue(text.contains("camel.component.accs.platform=PAAS\n")
                       && text.contains("camel.component.accs.base-url=" + sim.baseUrl() + "\n")
                       && text.contains("camel.component.accs.authentication-type=INTEGRATION\n"), text);
            assertEquals(sim.paas().accessTokenSecret(), PrintedSettings.parse(text).properties
                    .get("camel.component.accs.access-token-secret"), text);
            assertTrue(text.contains("POST " + sim.baseUrl() + "/default/V1/webhooks/subscribe"), text);
            assertFalse(text.contains("POST " + sim.baseUrl() + "/V1/webhooks/subscribe"), text);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimulatorOptions.parse("--platform", "MAGENTO").builder());
        assertEquals("Option --platform takes CLOUD_SERVICE or PAAS, not 'MAGENTO'", e.getMessage());
    }

    private HttpResponse<String> send(String method, String url, String authorization, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int get(String url, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.replace("[", "%5B").replace("]", "%5D")))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
