package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every token and authorization code the simulated IMS issued, so that Commerce can tell a valid token from an
 * unknown, expired or revoked one, and the token endpoint can refuse a refresh token or code used twice.
 * <p>
 * Tokens look like IMS's: JWTs whose claims carry {@code created_at} and {@code expires_in} in <em>milliseconds</em>,
 * while the token response's {@code expires_in} is in seconds, so a client reading the wrong one is caught. The
 * signature part is random, so tokens cannot be guessed.
 */
final class TokenRegistry {

    /** How a presented access token fares. */
    enum Verdict {
        VALID, UNKNOWN, EXPIRED, REVOKED
    }

    /** IMS's default refresh token lifetime. */
    static final Duration REFRESH_LIFETIME = Duration.ofDays(14);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serial = new AtomicLong();
    private final Clock clock;
    private final Duration accessLifetime;
    private volatile String latestAccessToken;

    TokenRegistry(Clock clock, Duration accessLifetime) {
        this.clock = clock;
        this.accessLifetime = accessLifetime;
    }

    /** One issued token or code; {@code used} marks a consumed code or a rotated (revoked) refresh token. */
    static final class Issued {
        final String kind;
        final String clientId;
        final String scope;
        final Instant expiresAt;
        final String redirectUri;
        final String codeChallenge;
        final String codeChallengeMethod;
        final AtomicBoolean revoked = new AtomicBoolean();

        Issued(String kind, String clientId, String scope, Instant expiresAt, String redirectUri, String codeChallenge,
               String codeChallengeMethod) {
            this.kind = kind;
            this.clientId = clientId;
            this.scope = scope;
            this.expiresAt = expiresAt;
            this.redirectUri = redirectUri;
            this.codeChallenge = codeChallenge;
            this.codeChallengeMethod = codeChallengeMethod;
        }
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    String issueAccessToken(String clientId, String scope) {
        Instant now = clock.instant();
        String token = jwt("access_token", "at", clientId, scope, now, accessLifetime);
        issued.put(token, new Issued("access_token", clientId, scope, now.plus(accessLifetime), null, null, null));
        latestAccessToken = token;
        return token;
    }

    String issueRefreshToken(String clientId, String scope) {
        Instant now = clock.instant();
        String token = jwt("refresh_token", "rt", clientId, scope, now, REFRESH_LIFETIME);
        issued.put(token, new Issued("refresh_token", clientId, scope, now.plus(REFRESH_LIFETIME), null, null, null));
        return token;
    }

    /** An OpenID id token; not registered, as nothing accepts it. */
    String idToken(String clientId, String scope) {
        return jwt("id_token", "id", clientId, scope, clock.instant(), accessLifetime);
    }

    String issueCode(String clientId, String scope, String redirectUri, String challenge, String challengeMethod) {
        String code = "sim-code-" + serial.incrementAndGet() + "-" + randomPart(24);
        issued.put(code, new Issued("code", clientId, scope, clock.instant().plus(CODE_LIFETIME), redirectUri,
                challenge, challengeMethod));
        return code;
    }

    Verdict check(String accessToken) {
        Issued token = accessToken == null ? null : issued.get(accessToken);
        if (token == null || !token.kind.equals("access_token")) {
            return Verdict.UNKNOWN;
        }
        if (token.revoked.get()) {
            return Verdict.REVOKED;
        }
        return clock.instant().isBefore(token.expiresAt) ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** The scope list an access token was issued with, or null for an unknown token. */
    String scopeOf(String accessToken) {
        Issued token = accessToken == null ? null : issued.get(accessToken);
        return token == null ? null : token.scope;
    }

    /**
     * Consumes a refresh token: valid once, as IMS rotates them here (the newest one replaces it).
     *
     * @throws ImsException invalid_grant when unknown, expired, already used or of another client
     */
    Issued redeemRefreshToken(String token, String clientId) {
        return redeem(token, "refresh_token", clientId, "refresh token");
    }

    /**
     * Consumes an authorization code, checking the redirect URI and the PKCE verifier when the code had a challenge.
     *
     * @throws ImsException invalid_grant when anything does not fit
     */
    Issued redeemCode(String code, String clientId, String redirectUri, String verifier, boolean publicClient) {
        Issued grant = redeem(code, "code", clientId, "authorization code");
        if (grant.redirectUri != null && redirectUri != null && !grant.redirectUri.equals(redirectUri)) {
            throw ImsException.invalidGrant("redirect_uri does not match the one of the authorization request");
        }
        if (grant.codeChallenge != null) {
            if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
                throw ImsException.invalidGrant("code_verifier missing or not 43 to 128 characters long");
            }
            String expected = "plain".equals(grant.codeChallengeMethod) ? verifier : s256(verifier);
            if (!expected.equals(grant.codeChallenge)) {
                throw ImsException.invalidGrant("code_verifier does not match the code_challenge");
            }
        } else if (publicClient) {
            throw ImsException.invalidGrant("a public client must use PKCE");
        }
        return grant;
    }

    /** Revokes one token (access or refresh); false when unknown. */
    boolean revoke(String token) {
        Issued found = token == null ? null : issued.get(token);
        if (found == null) {
            return false;
        }
        found.revoked.set(true);
        return true;
    }

    /** Revokes every access token issued so far; refresh tokens stay valid. */
    int revokeAllAccessTokens() {
        int count = 0;
        for (Issued token : issued.values()) {
            if (token.kind.equals("access_token") && token.revoked.compareAndSet(false, true)) {
                count++;
            }
        }
        return count;
    }

    String latestAccessToken() {
        return latestAccessToken;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    private Issued redeem(String token, String kind, String clientId, String what) {
        Issued grant = token == null ? null : issued.get(token);
        if (grant == null || !grant.kind.equals(kind)) {
            throw ImsException.invalidGrant("invalid " + what);
        }
        if (!grant.clientId.equals(clientId)) {
            throw ImsException.invalidGrant(what + " was issued to another client");
        }
        if (!clock.instant().isBefore(grant.expiresAt)) {
            throw ImsException.invalidGrant(what + " expired");
        }
        // compareAndSet makes two concurrent redemptions of one token have exactly one winner
        if (!grant.revoked.compareAndSet(false, true)) {
            throw ImsException.invalidGrant(what + " has been used or revoked");
        }
        return grant;
    }

    private String jwt(String type, String itt, String clientId, String scope, Instant now, Duration lifetime) {
        ObjectNode header = Json.object().put("alg", "RS256").put("x5u", "ims_na1-key-" + itt + "-1.cer")
                .put("kid", "ims_na1-key-" + itt + "-1").put("itt", itt);
        ObjectNode claims = Json.object().put("id", Long.toString(serial.incrementAndGet()))
                .put("type", type).put("client_id", clientId).put("user_id", clientId + "@AdobeID")
                .put("as", "ims-na1").put("scope", scope == null ? "" : scope)
                // IMS puts these two in milliseconds, as strings
                .put("created_at", Long.toString(now.toEpochMilli()))
                .put("expires_in", Long.toString(lifetime.toMillis()));
        return B64.encodeToString(Json.bytes(header)) + "." + B64.encodeToString(Json.bytes(claims)) + "."
               + randomPart(32);
    }

    private String randomPart(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }
}
