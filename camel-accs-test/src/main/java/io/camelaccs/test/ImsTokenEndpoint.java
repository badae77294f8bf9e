package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock extension for {@code POST /ims/token/v3}: the client credentials, authorization code and refresh token
 * grants, with IMS's refusals ({@code invalid_client}, {@code invalid_scope}, {@code invalid_grant},
 * {@code unsupported_grant_type}) and an {@code x-debug-id} header on every answer. Refresh tokens rotate: each use
 * returns a new one and revokes the one used.
 */
final class ImsTokenEndpoint extends StubEndpoint {

    static final String NAME = "accs-ims-token";
    static final String REQUIRED_SCOPE = "commerce.accs";

    private static final Logger LOG = LoggerFactory.getLogger(ImsTokenEndpoint.class);

    private final TokenRegistry tokens;
    private final FaultPlan faults;
    private final String clientId;
    private final String clientSecret;
    private final AtomicLong debugIds = new AtomicLong();

    ImsTokenEndpoint(TokenRegistry tokens, FaultPlan faults, String clientId, String clientSecret) {
        super(NAME, faults::imsLatencyMillis);
        this.tokens = tokens;
        this.faults = faults;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        Map<String, String> headers = Map.of("x-debug-id", "sim-ims-" + debugIds.incrementAndGet());
        if (faults.takeImsReset()) {
            return Replies.connectionReset(delay);
        }
        if (faults.takeImsOutage()) {
            return Replies.json(503, Json.object().put("error", "temporarily_unavailable")
                    .put("error_description", "IMS is unavailable (simulated outage)"), delay, headers);
        }
        try {
            String contentType = request.getHeader("Content-Type");
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT)
                    .startsWith("application/x-www-form-urlencoded")) {
                throw ImsException.invalidRequest(
                        "the token request must be a form (application/x-www-form-urlencoded)");
            }
            if (request.getUrl().contains("?")) {
                // credentials in a query string end up in access logs: refuse, as a careful IMS client never does it
                throw ImsException.invalidRequest("token request parameters must be sent in the body, not the query");
            }
            Map<String, List<String>> form = UrlCodec.decodeForm(new String(request.getBody(), StandardCharsets.UTF_8));
            String grant = ImsClientAuth.first(form, "grant_type");
            ObjectNode body = switch (grant == null ? "" : grant) {
                case "client_credentials" -> clientCredentials(request, form);
                case "authorization_code" -> authorizationCode(request, form);
                case "refresh_token" -> refreshToken(request, form);
                case "" -> throw ImsException.invalidRequest("missing grant_type parameter");
                default -> throw new ImsException(400, "unsupported_grant_type", "unsupported grant_type " + grant);
            };
            return Replies.json(200, body, delay, headers);
        } catch (ImsException e) {
            LOG.debug("IMS refuses a token request: {} ({})", e.error(), e.getMessage());
            return Replies.json(e.status(), e.body(), delay, headers);
        }
    }

    private ObjectNode clientCredentials(Request request, Map<String, List<String>> form) {
        ImsClientAuth client = ImsClientAuth.of(request.getHeader("Authorization"), form, clientId, clientSecret);
        if (client.publicClient()) {
            throw ImsException.invalidClient("missing client_secret parameter");
        }
        String scope = ImsClientAuth.first(form, "scope");
        if (scope == null || Arrays.stream(scope.split("[,\\s]+")).noneMatch(REQUIRED_SCOPE::equals)) {
            throw new ImsException(400, "invalid_scope", "invalid scope (" + REQUIRED_SCOPE + " is required)");
        }
        return accessTokenBody(tokens.issueAccessToken(client.clientId(), scope));
    }

    private ObjectNode authorizationCode(Request request, Map<String, List<String>> form) {
        ImsClientAuth client = ImsClientAuth.of(request.getHeader("Authorization"), form, clientId, clientSecret);
        String code = ImsClientAuth.first(form, "code");
        if (code == null) {
            throw ImsException.invalidRequest("missing code parameter");
        }
        TokenRegistry.Issued grant = tokens.redeemCode(code, client.clientId(),
                ImsClientAuth.first(form, "redirect_uri"), ImsClientAuth.first(form, "code_verifier"),
                client.publicClient());
        return userTokens(client.clientId(), grant.scope);
    }

    private ObjectNode refreshToken(Request request, Map<String, List<String>> form) {
        ImsClientAuth client = ImsClientAuth.of(request.getHeader("Authorization"), form, clientId, clientSecret);
        String refresh = ImsClientAuth.first(form, "refresh_token");
        if (refresh == null) {
            throw ImsException.invalidRequest("missing refresh_token parameter");
        }
        TokenRegistry.Issued grant = tokens.redeemRefreshToken(refresh, client.clientId());
        return userTokens(client.clientId(), grant.scope);
    }

    private ObjectNode userTokens(String client, String scope) {
        ObjectNode body = accessTokenBody(tokens.issueAccessToken(client, scope));
        body.put("refresh_token", tokens.issueRefreshToken(client, scope));
        body.put("id_token", tokens.idToken(client, scope));
        body.put("sub", client + "@AdobeID");
        return body;
    }

    private ObjectNode accessTokenBody(String accessToken) {
        return Json.object().put("access_token", accessToken).put("token_type", "bearer")
                .put("expires_in", tokens.accessLifetime().toSeconds());
    }
}
