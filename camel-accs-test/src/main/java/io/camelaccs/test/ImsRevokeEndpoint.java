package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** WireMock extension for {@code POST /ims/revoke}: revokes an access or refresh token, 200 with an empty body. */
final class ImsRevokeEndpoint extends StubEndpoint {

    static final String NAME = "accs-ims-revoke";

    private final TokenRegistry tokens;
    private final String clientId;
    private final String clientSecret;

    ImsRevokeEndpoint(TokenRegistry tokens, FaultPlan faults, String clientId, String clientSecret) {
        super(NAME, faults::imsLatencyMillis);
        this.tokens = tokens;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        try {
            Map<String, List<String>> form = UrlCodec.decodeForm(new String(request.getBody(), StandardCharsets.UTF_8));
            ImsClientAuth.of(request.getHeader("Authorization"), form, clientId, clientSecret);
            String token = ImsClientAuth.first(form, "token");
            if (token == null) {
                throw ImsException.invalidRequest("missing token parameter");
            }
            tokens.revoke(token); // RFC 7009: an unknown token is no error
            return Replies.empty(200, delay, Map.of());
        } catch (ImsException e) {
            return Replies.json(e.status(), e.body(), delay, Map.of());
        }
    }
}
