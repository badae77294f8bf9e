package io.camelaccs.test;

import java.util.Locale;

import com.github.tomakehurst.wiremock.http.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks ACCS's gateway makes before Commerce sees a request: a bearer token the simulated IMS issued and that is
 * neither expired nor revoked, an {@code x-api-key} equal to the client id, when sent, the right
 * {@code x-gw-ims-org-id}, and then Commerce's own check that the integration's role grants the operation's ACL
 * resource.
 */
final class CommerceAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(CommerceAuthenticator.class);
    private static final String UNAUTHORIZED = "The consumer isn't authorized to access %resources.";

    private final TokenRegistry tokens;
    private final String clientId;
    private final String orgId;
    private final AclGrants grants;

    CommerceAuthenticator(TokenRegistry tokens, String clientId, String orgId, AclGrants grants) {
        this.tokens = tokens;
        this.clientId = clientId;
        this.orgId = orgId;
        this.grants = grants;
    }

    /** @throws CommerceException 401 (or 403 for a foreign organization) when the request may not pass */
    void check(Request request, String resource) {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        TokenRegistry.Verdict verdict = tokens.check(token);
        if (verdict != TokenRegistry.Verdict.VALID) {
            // the verdict, never the token, goes to the log
            LOG.debug("Refusing {} {}: access token {}", request.getMethod(), request.getUrl(),
                    token == null ? "missing" : verdict.name().toLowerCase(Locale.ROOT));
            throw new CommerceException(401, UNAUTHORIZED, Json.object().put("resources", resource));
        }
        String apiKey = request.getHeader("x-api-key");
        if (apiKey == null || !apiKey.equals(clientId)) {
            LOG.debug("Refusing {} {}: x-api-key {}", request.getMethod(), request.getUrl(),
                    apiKey == null ? "missing" : "does not match the client id");
            throw new CommerceException(401, "The x-api-key header is missing or is not the client id of the token.");
        }
        String org = request.getHeader("x-gw-ims-org-id");
        if (org != null && !org.equals(orgId)) {
            throw new CommerceException(403, "The x-gw-ims-org-id header names an organization this tenant does not "
                                             + "belong to.");
        }
        if (grants.isDenied(resource)) {
            // Commerce's answer for a role without the resource: the very body of an invalid token
            LOG.debug("Refusing {} {}: the integration lacks ACL resource {}", request.getMethod(), request.getUrl(),
                    resource);
            throw new CommerceException(401, UNAUTHORIZED, Json.object().put("resources", resource));
        }
    }
}
