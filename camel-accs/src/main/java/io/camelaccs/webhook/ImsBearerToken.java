package io.camelaccs.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * The offline check of the IMS token Commerce adds ({@code Authorization: Bearer ...}) to calls of a subscription
 * with {@code developer_console_oauth}: present, a well-formed JWT, not expired by its own {@code created_at} and
 * {@code expires_in}, and issued to {@code imsClientId} when that is set. The token's own signature is not checked:
 * that would need IMS's keys, fetched online on the request path; the Commerce signature is what proves the call is
 * Commerce's, and this check adds that it was made for this integration.
 */
final class ImsBearerToken {

    private final String clientId;
    private final Clock clock;

    ImsBearerToken(String clientId, Clock clock) {
        this.clientId = clientId == null || clientId.isBlank() ? null : clientId;
        this.clock = clock;
    }

    /** Why the Authorization header is refused, or {@code null} when it passes. */
    String refusal(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "no IMS bearer token";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Authorization is not a Bearer token";
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return "the bearer token is not a JWT";
        }
        Map<?, ?> claims;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            if (!(WebhookAnswer.JSON.readValue(b64.decode(parts[0]), Object.class) instanceof Map)
                || !(WebhookAnswer.JSON.readValue(b64.decode(parts[1]), Object.class) instanceof Map<?, ?> c)) {
                return "the bearer token is not a JWT";
            }
            claims = c;
        } catch (Exception e) {
            return "the bearer token is not a JWT";
        }
        Long created = number(claims.get("created_at"));
        Long lifetime = number(claims.get("expires_in"));
        if (created != null && lifetime != null && created + lifetime < clock.millis()) {
            return "the bearer token has expired";
        }
        if (clientId != null && !issuedTo(claims)) {
            return "the bearer token was issued to another client than imsClientId";
        }
        return null;
    }

    private boolean issuedTo(Map<?, ?> claims) {
        if (same(claims.get("client_id"))) {
            return true;
        }
        Object aud = claims.get("aud");
        if (aud instanceof Collection<?> list) {
            return list.stream().anyMatch(this::same);
        }
        return same(aud);
    }

    /** Constant time: a forger learns nothing from how long a wrong client takes to refuse. */
    private boolean same(Object value) {
        return value instanceof String s && MessageDigest.isEqual(clientId.getBytes(StandardCharsets.UTF_8),
                s.getBytes(StandardCharsets.UTF_8));
    }

    /** IMS writes its times as strings of milliseconds. */
    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
