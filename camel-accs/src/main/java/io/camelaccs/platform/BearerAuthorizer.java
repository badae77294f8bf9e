package io.camelaccs.platform;

import java.util.List;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.rest.RequestAuthorizer;
import org.apache.hc.core5.http.HttpRequest;

/**
 * PaaS with a bearer: an admin token, a caller's token, or an integration's access token when
 * {@code integrationAsBearer=true}.
 */
public final class BearerAuthorizer implements RequestAuthorizer {

    private final String advice;

    /** @param advice what to tell the user about a 401 no replay cured, or null */
    public BearerAuthorizer(String advice) {
        this.advice = advice;
    }

    /** An integration's access token sent as a bearer, which shops since 2.4.4 refuse unless told otherwise. */
    public static BearerAuthorizer integration() {
        return new BearerAuthorizer("(integrationAsBearer=true sends the integration's access token as a bearer, which"
                                    + " Commerce 2.4.4 and later refuse unless Stores > Configuration > Services >"
                                    + " OAuth > Consumer Settings > 'Allow OAuth Access Tokens to be used as"
                                    + " standalone Bearer tokens' is Yes: turn it on, or set integrationAsBearer=false"
                                    + " so that every request is signed with OAuth 1.0a; if it is on, grant the"
                                    + " integration the ACL resource Commerce names)");
    }

    @Override
    public void authorize(HttpRequest http, String url, List<Map.Entry<String, String>> query, AccessToken token) {
        http.setHeader("Authorization", "Bearer " + token.value());
    }

    @Override
    public String adviceOn401(String commerceMessage) {
        return advice;
    }

    @Override
    public String toString() {
        return "BearerAuthorizer";
    }
}
