package io.camelaccs.platform;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.test.OAuth1Verifier;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signer's base URI and signature, checked against the test kit's own RFC 5849 implementation: scheme and host in
 * lower case, a default port left out, the raw path kept, for shops met in turn (the signer keeps the last origin it
 * normalized, and must not apply it to another).
 */
class OAuth1SignerTest {

    private final OAuth1Signer signer = new OAuth1Signer("ck-é", "cs+/=", "ts%&", Clock.systemUTC());
    private final AccessToken token = new AccessToken("at 1", Instant.EPOCH, Instant.MAX);

    @Test
    void theBaseUriIsNormalizedAsRfc5849SaysForEveryOriginMetInTurn() {
        for (int round = 0; round < 2; round++) {
            assertEquals("https://shop.example.com/rest/default/V1/products/A%20B",
                    signer.baseUri("HTTPS://Shop.Example.COM:443/rest/default/V1/products/A%20B"));
            assertEquals("http://127.0.0.1:8080/rest/all/V1/orders",
                    signer.baseUri("http://127.0.0.1:8080/rest/all/V1/orders?searchCriteria[pageSize]=5"));
            assertEquals("http://shop.example.com/rest/V1/x", signer.baseUri("http://shop.example.com:80/rest/V1/x"));
            assertEquals("https://shop.example.com:8443/", signer.baseUri("https://shop.example.com:8443"));
        }
    }

    /**
     * A fixed case whose expected value was computed apart from this project (Python's hmac and urllib.parse.quote
     * with safe='-._~' over RFC 5849's base string): the signer and the kit's verifier cannot share a misreading here.
     */
    @Test
    void aFixedCaseSignsAsAnIndependentImplementationDoes() {
        List<String[]> oauth = List.of(new String[] { "oauth_consumer_key", "ck-1" },
                new String[] { "oauth_nonce", "0123abcd" }, new String[] { "oauth_signature_method", "HMAC-SHA256" },
                new String[] { "oauth_timestamp", "1733565600" }, new String[] { "oauth_token", "at 1" },
                new String[] { "oauth_version", "1.0" });
        List<Map.Entry<String, String>> query = List.of(Map.entry("searchCriteria[pageSize]", "5"),
                Map.entry("fields", "sku,price"));
        assertEquals("F56BcGkQpHHq8TEvi6qRouqf0/of/5zSmsGFB0fR7jc=",
                signer.sign("GET", "https://shop.example.com/rest/default/V1/products/24-MB01", query, oauth));
    }

    @Test
    void signaturesVerifyWithTheKitsImplementationAcrossOriginsAndOddValues() {
        List<String> urls = List.of("https://Shop-A.example.com/rest/default/V1/products/%C3%A9t%C3%A9",
                "http://127.0.0.1:18089/rest/de/V1/products/24-MB01", "https://shop-a.example.com:443/rest/V1/orders");
        for (int round = 0; round < 3; round++) {
            for (String url : urls) {
                List<Map.Entry<String, String>> query = List.of(Map.entry("searchCriteria[filter_groups][0][filters][0][value]",
                        "Men's 100% & more"), Map.entry("fields", "sku,price"));
                BasicClassicHttpRequest http = new BasicClassicHttpRequest("GET", url);
                signer.authorize(http, url, query, token);
                Map<String, String> oauth = OAuth1Verifier.headerParameters(http.getFirstHeader("Authorization").getValue());
                URI uri = URI.create(url);
                String host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
                String rawQuery = "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D="
                                  + "Men%27s%20100%25%20%26%20more&fields=sku%2Cprice";
                String base = OAuth1Verifier.baseString("GET", uri.getScheme(), host, uri.getRawPath(), rawQuery, oauth);
                String expected = OAuth1Verifier.signature("HMAC-SHA256", base, "cs+/=", "ts%&");
                assertTrue(OAuth1Verifier.matches(expected, oauth.get("oauth_signature")), url + " round " + round);
            }
        }
    }
}
