package io.camelaccs.component;

import java.util.Locale;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.rest.CommerceMetrics;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether an accs producer can work, judged from what is already known: the token its cache holds and the last IMS
 * error, and what Commerce answered to this endpoint's last request. The check sends nothing, neither to IMS nor to
 * Commerce, and never waits, so a probe adds no load, burns no rate limit and cannot hang. It is a readiness check
 * only: a Commerce or IMS outage says that traffic should go elsewhere, not that the JVM should be restarted.
 * Details never hold a credential.
 */
final class AccsProducerHealthCheck extends AbstractHealthCheck {

    static final String NO_TOKEN_YET = "none held yet: the first request fetches one (reading this never does)";

    private final AccsEndpoint endpoint;

    AccsProducerHealthCheck(AccsEndpoint endpoint) {
        super("camel", endpoint.healthCheckId());
        this.endpoint = endpoint;
    }

    /** A restart cures neither a refused credential nor a Commerce outage. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AccsConfiguration conf = endpoint.getConfiguration();
        builder.detail("platform", String.valueOf(conf.getPlatform()));
        // an integration is told apart by its consumer key, as an IMS credential by its client id: both masked
        String client = Masking.clientId(conf.getAuthenticationType() == AuthenticationType.INTEGRATION
                ? conf.getConsumerKey() : conf.getClientId());
        if (client != null) {
            builder.detail("client", client);
        }
        builder.detail("operation", endpoint.getMethod().toUpperCase(Locale.ROOT) + " " + endpoint.getPath());
        TokenCache tokens = endpoint.tokenCache();
        if (tokens != null && !tokenState(builder, tokens)) {
            return;
        }
        CommerceMetrics metrics = endpoint.metrics();
        if (metrics == null) {
            builder.message("Endpoint not started");
            builder.unknown();
            return;
        }
        builder.detail("commerce.requests", metrics.requests());
        builder.detail("commerce.retries", metrics.retries());
        builder.detail("commerce.rate.limited", metrics.rateLimitedResponses());
        if (metrics.lastSuccessAt() != null) {
            builder.detail("commerce.last.success.at", metrics.lastSuccessAt().toString());
        }
        if (metrics.isFailing()) {
            builder.detail("commerce.last.failure", metrics.lastFailure());
            builder.detail("commerce.last.failure.at", String.valueOf(metrics.lastFailureAt()));
            builder.message("Commerce did not answer this endpoint's last request: " + metrics.lastFailure());
            builder.down();
            return;
        }
        builder.up();
    }

    /** Reports the cache's token and last IMS error; false when that already makes the check DOWN. */
    private static boolean tokenState(HealthCheckResultBuilder builder, TokenCache tokens) {
        AccessToken token = tokens.peek();
        boolean usable = tokens.holdsUsableToken();
        if (usable) {
            builder.detail("token.state", "held");
            builder.detail("token.expires.at", token.expiresAt().toString());
        } else {
            builder.detail("token.state", token == null ? NO_TOKEN_YET : "expired: the next request fetches a new one");
        }
        builder.detail("token.fetches", tokens.fetchCount());
        if (tokens.notTheTokenUntil() != null) {
            builder.detail("token.permission.401.until", tokens.notTheTokenUntil().toString());
        }
        if (!tokens.isFailing()) {
            return true;
        }
        RuntimeException failure = tokens.lastFailure();
        builder.detail("ims.last.failure.at", String.valueOf(tokens.lastFailureAt()));
        if (failure instanceof AccsAuthenticationException e) {
            if (e.getError() != null) {
                builder.detail("ims.error", e.getError());
            }
            if (e.getDebugId() != null) {
                builder.detail("ims.debug.id", e.getDebugId());
            }
        }
        if (usable) {
            // a token still serves: IMS trouble matters once it expires
            builder.detail("ims.last.failure", failure.getMessage());
            return true;
        }
        builder.message("No token: " + failure.getMessage());
        builder.error(failure);
        builder.down();
        return false;
    }
}
