package io.camelaccs.platform;

import java.util.List;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.Masking;
import io.camelaccs.rest.RequestAuthorizer;
import org.apache.hc.core5.http.HttpRequest;

/** ACCS: the IMS token as a bearer, the client id as {@code x-api-key}, the organization when set. */
public final class ImsBearerAuthorizer implements RequestAuthorizer {

    private final String apiKey;
    private final String orgId;

    public ImsBearerAuthorizer(String apiKey, String orgId) {
        this.apiKey = apiKey;
        this.orgId = orgId;
    }

    @Override
    public void authorize(HttpRequest http, String url, List<Map.Entry<String, String>> query, AccessToken token) {
        http.setHeader("Authorization", "Bearer " + token.value());
        http.setHeader("x-api-key", apiKey);
        if (orgId != null) {
            http.setHeader("x-gw-ims-org-id", orgId);
        }
    }

    @Override
    public String toString() {
        return "ImsBearerAuthorizer[" + Masking.clientId(apiKey) + "]";
    }
}
