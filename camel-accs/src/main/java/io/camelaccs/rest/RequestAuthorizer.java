package io.camelaccs.rest;

import java.util.List;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import org.apache.hc.core5.http.HttpRequest;

/**
 * How a Commerce request is authenticated, chosen once per endpoint with its {@code authenticationType}: an IMS bearer
 * with the ACCS gateway's headers, a plain bearer (a PaaS admin token, a caller's token), or an OAuth 1.0a signature
 * (a PaaS integration). Called for every attempt, so that a replay or a retry gets a fresh signature.
 */
public interface RequestAuthorizer {

    /**
     * Sets the authentication headers of one attempt.
     *
     * @param http  the request about to be sent
     * @param url   the request's URL without its query ({@code https://shop.example.com/rest/default/V1/products})
     * @param query the request's query parameters, unencoded, in order
     * @param token the token of the attempt (the integration's access token with INTEGRATION)
     */
    void authorize(HttpRequest http, String url, List<Map.Entry<String, String>> query, AccessToken token);

    /**
     * What to tell the user about a 401 this authentication met and no replay cured, or null when there is nothing
     * more to say than Commerce's message.
     *
     * @param commerceMessage Commerce's message, placeholders filled; may be null
     */
    default String adviceOn401(String commerceMessage) {
        return null;
    }
}
