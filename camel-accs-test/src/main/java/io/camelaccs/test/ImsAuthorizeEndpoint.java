package io.camelaccs.test;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * WireMock extension for {@code GET /ims/authorize/v2}: the user is taken as signed in and consenting, so the answer
 * is at once the 302 to {@code redirect_uri?code=...&state=...} (or {@code error=...} when the request is wrong or a
 * denial was injected), which is what a login helper's redirect listener receives.
 */
final class ImsAuthorizeEndpoint extends StubEndpoint {

    static final String NAME = "accs-ims-authorize";

    private final TokenRegistry tokens;
    private final FaultPlan faults;
    private final String clientId;

    ImsAuthorizeEndpoint(TokenRegistry tokens, FaultPlan faults, String clientId) {
        super(NAME, faults::imsLatencyMillis);
        this.tokens = tokens;
        this.faults = faults;
        this.clientId = clientId;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        Map<String, List<String>> query = UrlCodec.decodeForm(q < 0 ? "" : url.substring(q + 1));
        String redirectUri = ImsClientAuth.first(query, "redirect_uri");
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            // without a usable redirect IMS can only show an error page
            return Replies.json(400, new ImsException(400, "invalid_request", "missing or invalid redirect_uri").body(),
                    delay, Map.of());
        }
        String state = ImsClientAuth.first(query, "state");
        String challenge = ImsClientAuth.first(query, "code_challenge");
        String method = ImsClientAuth.first(query, "code_challenge_method");
        String error = null;
        if (!clientId.equals(ImsClientAuth.first(query, "client_id"))) {
            error = "invalid_client";
        } else if (!"code".equals(ImsClientAuth.first(query, "response_type"))) {
            error = "unsupported_response_type";
        } else if (challenge != null && method != null && !method.equals("S256") && !method.equals("plain")) {
            error = "invalid_request";
        } else if (faults.takeDeniedAuthorization()) {
            error = "access_denied";
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if (error == null) {
            String code = tokens.issueCode(clientId, ImsClientAuth.first(query, "scope"), redirectUri, challenge,
                    challenge == null ? null : (method == null ? "plain" : method));
            location.append("code=").append(UrlCodec.encode(code));
        } else {
            location.append("error=").append(error);
        }
        if (state != null) {
            location.append("&state=").append(UrlCodec.encode(state));
        }
        return Replies.empty(302, delay, Map.of("Location", location.toString()));
    }
}
