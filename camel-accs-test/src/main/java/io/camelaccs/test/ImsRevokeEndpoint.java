package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** WireMock extension for {@code POST /ims/revoke}: revokes an access or refresh token, 200 with an empty body. */
final class ImsRevokeEndpoint implements ResponseDefinitionTransformerV2 {

    static final String NAME = "accs-ims-revoke";

    private final TokenRegistry tokens;
    private final FaultPlan faults;
    private final String clientId;
    private final String clientSecret;

    ImsRevokeEndpoint(TokenRegistry tokens, FaultPlan faults, String clientId, String clientSecret) {
        this.tokens = tokens;
        this.faults = faults;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        int delay = faults.imsLatencyMillis();
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
