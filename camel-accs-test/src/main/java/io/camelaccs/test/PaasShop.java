package io.camelaccs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's Adobe Commerce PaaS (or Magento Open Source) authentication, when started with
 * {@link AccsSimulator.Builder#paas()}: one activated integration (consumer key and secret, access token and secret)
 * whose requests must carry a valid OAuth 1.0a signature, checked by {@link OAuth1Verifier}, with a timestamp close to
 * the simulator's clock and a nonce never seen before; and one Admin user whose admin tokens
 * ({@code POST /rest/<store>/V1/integration/admin/token}) live {@code adminTokenLifetime} (4 hours by default).
 * <p>
 * Switches, as a shop's administrator would set them: {@link #allowIntegrationAsBearer(boolean)} (off by default, as
 * since 2.4.4), {@link #requireTwoFactorAuth(boolean)} (admin tokens then come only from the {@code /V1/tfa/...}
 * routes), {@link #hideOAuthProblems(boolean)} (answer every OAuth failure with the generic 401, as Commerce 2.4's
 * REST API does, instead of naming the {@code oauth_problem}).
 */
public final class PaasShop {

    /** Commerce's 401 for a request it cannot authenticate or authorize. */
    static final String UNAUTHORIZED = "The consumer isn't authorized to access %resources.";
    static final String TWO_FACTOR = "Please use the 2fa provider-specific endpoints to obtain a token.";
    static final String BAD_SIGN_IN = "The account sign-in was incorrect or your account is disabled temporarily."
                                      + " Please wait and try again later.";
    /** How far an oauth_timestamp may be from the shop's clock. */
    static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PaasShop.class);
    /**
     * What Commerce 2.4 answers (Magento\Framework\Oauth) for the problems it words itself; the others are answered
     * as RFC 5849 problem reporting names them ({@code oauth_problem=token_rejected}).
     */
    private static final Map<String, String> COMMERCE_SENTENCES = Map.of(
            "signature_invalid", "The signature is invalid. Verify and try again.",
            "nonce_used", "The nonce is already being used by the consumer with ID 1");

    private final Clock clock;
    private final String consumerKey;
    private final String consumerSecret;
    private final String accessToken;
    private final String accessTokenSecret;
    private final String adminUsername;
    private final String adminPassword;
    private final Duration adminTokenLifetime;
    private final AclGrants grants;

    private final Map<String, Instant> adminTokens = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicLong adminTokensIssued = new AtomicLong();
    private final AtomicLong signedRequests = new AtomicLong();
    private final AtomicLong refusedSignatures = new AtomicLong();
    private volatile boolean integrationAsBearer;
    private volatile boolean twoFactorAuth;
    private volatile boolean hideOAuthProblems;

    PaasShop(Clock clock, long seed, Duration adminTokenLifetime, AclGrants grants) {
        this.clock = clock;
        // fixed per seed, so that a test can print them and a run can be repeated; never real credentials
        this.consumerKey = "ck" + hex(seed, 1);
        this.consumerSecret = "cs+" + hex(seed, 2) + "/&=";
        this.accessToken = "at" + hex(seed, 3);
        this.accessTokenSecret = "as%" + hex(seed, 4) + " ü";
        this.adminUsername = "sim-admin";
        this.adminPassword = "sim-Admin-pass-" + hex(seed, 5).substring(0, 8);
        this.adminTokenLifetime = adminTokenLifetime;
        this.grants = grants;
    }

    private static String hex(long seed, int n) {
        return new UUID(seed * 31 + n, n * 0x9E3779B97F4A7C15L + seed).toString().replace("-", "");
    }

    public String consumerKey() {
        return consumerKey;
    }

    public String consumerSecret() {
        return consumerSecret;
    }

    public String accessToken() {
        return accessToken;
    }

    public String accessTokenSecret() {
        return accessTokenSecret;
    }

    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /**
     * Whether the integration's access token is taken as a plain bearer ("Allow OAuth Access Tokens to be used as
     * standalone Bearer tokens"; off by default since 2.4.4).
     */
    public PaasShop allowIntegrationAsBearer(boolean on) {
        this.integrationAsBearer = on;
        return this;
    }

    /** Whether Magento_TwoFactorAuth guards admin tokens (then only the /V1/tfa/... routes issue them). */
    public PaasShop requireTwoFactorAuth(boolean on) {
        this.twoFactorAuth = on;
        return this;
    }

    /** Whether an OAuth failure is answered with the generic 401 instead of its {@code oauth_problem}. */
    public PaasShop hideOAuthProblems(boolean on) {
        this.hideOAuthProblems = on;
        return this;
    }

    /** Ends every admin token issued so far, as the hourly cron does once they expired. */
    public void expireAdminTokens() {
        adminTokens.clear();
    }

    /** How many admin tokens were issued. */
    public long adminTokensIssued() {
        return adminTokensIssued.get();
    }

    /** How many requests came with a valid OAuth 1.0a signature. */
    public long signedRequests() {
        return signedRequests.get();
    }

    /** How many requests came with an OAuth signature the shop refused. */
    public long refusedSignatures() {
        return refusedSignatures.get();
    }

    /** {@code POST /V1/integration/admin/token}: a JSON string token, or Commerce's 401. */
    String issueAdminToken(JsonNode body) {
        if (twoFactorAuth) {
            throw new CommerceException(401, TWO_FACTOR, Json.object().set("active_providers",
                    Json.array().add("google")));
        }
        if (body == null || !adminUsername.equals(body.path("username").asText(null))
                || !adminPassword.equals(body.path("password").asText(null))) {
            throw new CommerceException(401, BAD_SIGN_IN);
        }
        String token = "adm" + UUID.randomUUID().toString().replace("-", "");
        adminTokens.put(token, clock.instant().plus(adminTokenLifetime));
        adminTokensIssued.incrementAndGet();
        return token;
    }

    /**
     * Authenticates a request as Commerce does: an OAuth signature of the integration, an admin token that has not
     * expired, or the integration's token as a bearer when allowed; then the ACL resource of the operation.
     *
     * @throws CommerceException 401 when it may not pass
     */
    void authenticate(Request request, RequestTarget target, String resource) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            checkSignature(request, target, resource, OAuth1Verifier.headerParameters(authorization));
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            Instant expiry = adminTokens.get(token);
            boolean admin = expiry != null && clock.instant().isBefore(expiry);
            boolean integration = integrationAsBearer && token.equals(accessToken);
            if (!admin && !integration) {
                LOG.debug("Refusing {} {}: bearer token {}", request.getMethod(), target.rawPath(),
                        expiry != null ? "expired" : token.equals(accessToken) ? "is the integration's (not allowed)"
                                : "unknown");
                throw unauthorized(resource);
            }
        } else {
            throw unauthorized(resource);
        }
        if (grants.isDenied(resource)) {
            throw unauthorized(resource);
        }
    }

    private void checkSignature(Request request, RequestTarget target, String resource, Map<String, String> oauth) {
        String method = oauth.getOrDefault("oauth_signature_method", "");
        if (!method.equals("HMAC-SHA256")) {
            refuse("signature_method_rejected", resource);
        }
        if (!consumerKey.equals(oauth.get("oauth_consumer_key"))) {
            refuse("consumer_key_rejected", resource);
        }
        if (!accessToken.equals(oauth.get("oauth_token"))) {
            refuse("token_rejected", resource);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(oauth.getOrDefault("oauth_timestamp", ""));
        } catch (NumberFormatException e) {
            timestamp = Long.MIN_VALUE / 2;
        }
        if (Math.abs(timestamp - clock.instant().getEpochSecond()) > TIMESTAMP_WINDOW.toSeconds()) {
            refuse("timestamp_refused", resource);
        }
        String base = OAuth1Verifier.baseString(request.getMethod().getName(), "http", request.getHeader("Host"),
                target.fullRawPath(), target.rawQuery(), oauth);
        String expected = OAuth1Verifier.signature(method, base, consumerSecret, accessTokenSecret);
        if (!OAuth1Verifier.matches(expected, oauth.get("oauth_signature"))) {
            LOG.debug("Refusing {} {}: signature mismatch", request.getMethod(), target.rawPath());
            refuse("signature_invalid", resource);
        }
        // after the signature: a forged request must not burn a nonce
        String nonce = oauth.get("oauth_nonce");
        if (nonce == null || nonce.isEmpty() || !nonces.add(nonce)) {
            refuse("nonce_used", resource);
        }
        signedRequests.incrementAndGet();
    }

    private void refuse(String problem, String resource) {
        refusedSignatures.incrementAndGet();
        if (hideOAuthProblems) {
            throw unauthorized(resource);
        }
        String sentence = COMMERCE_SENTENCES.get(problem);
        if (sentence != null) {
            throw new CommerceException(401, sentence, Json.array());
        }
        throw new CommerceException(401, "oauth_problem=%1", Json.array().add(problem));
    }

    private static CommerceException unauthorized(String resource) {
        return new CommerceException(401, UNAUTHORIZED, Json.object().put("resources", resource));
    }
}
