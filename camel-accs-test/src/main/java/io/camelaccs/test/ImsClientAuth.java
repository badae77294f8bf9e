package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How a client proves who it is at IMS: {@code Authorization: Basic} (confidential client), or {@code client_id} and
 * {@code client_secret} form fields, or only {@code client_id} (a public client, allowed where the grant permits it).
 *
 * @param clientId     the authenticated client
 * @param publicClient whether it presented no secret
 */
record ImsClientAuth(String clientId, boolean publicClient) {

    /** @throws ImsException invalid_client when the credentials do not match */
    static ImsClientAuth of(String authorization, Map<String, List<String>> form, String clientId,
                            String clientSecret) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
                pair = new String(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ImsException.invalidClient("malformed Basic authorization");
            }
            int colon = pair.indexOf(':');
            if (colon < 0 || !pair.substring(0, colon).equals(clientId)
                || !pair.substring(colon + 1).equals(clientSecret)) {
                throw ImsException.invalidClient("invalid client credentials");
            }
            return new ImsClientAuth(clientId, false);
        }
        String id = first(form, "client_id");
        if (id == null || id.isEmpty()) {
            throw ImsException.invalidRequest("missing client_id parameter");
        }
        if (!id.equals(clientId)) {
            throw ImsException.invalidClient("invalid client_id parameter");
        }
        String secret = first(form, "client_secret");
        if (secret == null) {
            return new ImsClientAuth(id, true);
        }
        if (!secret.equals(clientSecret)) {
            throw ImsException.invalidClient("invalid client_secret parameter");
        }
        return new ImsClientAuth(id, false);
    }

    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
