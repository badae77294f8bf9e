package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * WireMock extension serving the simulated I/O Events public keys as PEM, as {@code static.adobeioevents.com}
 * does. The attacker's key is served only to a request whose {@code Host} is not {@code 127.0.0.1}, so that a
 * consumer which fetches keys from the wrong host verifies a forged delivery, and one that keeps to the configured
 * host does not.
 */
final class PublicKeyEndpoint extends StubEndpoint {

    static final String NAME = "accs-events-public-keys";
    static final String LOOPBACK = "127.0.0.1";

    private final WebhookKeys keys;

    PublicKeyEndpoint(WebhookKeys keys) {
        super(NAME, () -> 0);
        this.keys = keys;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        String path = RequestTarget.of(request.getUrl(), WebhookKeys.PATH_PREFIX).fullRawPath();
        WebhookKeys.Slot slot = keys.slotOf(path);
        String host = request.getHeader("Host");
        boolean loopback = host != null && (host.equals(LOOPBACK) || host.startsWith(LOOPBACK + ":"));
        if (slot == null || (slot == WebhookKeys.Slot.ATTACKER) == loopback) {
            return Replies.empty(404, 0, Map.of());
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/x-pem-file")
                .withBody(keys.pem(slot).getBytes(StandardCharsets.US_ASCII)).build();
    }
}
