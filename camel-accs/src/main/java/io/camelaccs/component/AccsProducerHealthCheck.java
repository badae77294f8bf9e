package io.camelaccs.component;

import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.rest.CommerceMetrics;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether an accs producer can work: a token can be had (from the cache, or from IMS when none is cached, within
 * the refusal cool-down), and Commerce answered the last request that was sent. It sends nothing to Commerce itself,
 * so a health probe never adds load or burns rate limit. Details never hold a credential.
 */
final class AccsProducerHealthCheck extends AbstractHealthCheck {

    private final AccsEndpoint endpoint;

    AccsProducerHealthCheck(AccsEndpoint endpoint, String id) {
        super("camel", "producer:accs-" + id);
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        AccsConfiguration conf = endpoint.getConfiguration();
        builder.detail("client", Masking.clientId(conf.getClientId()));
        builder.detail("operation", endpoint.getMethod().toUpperCase(java.util.Locale.ROOT) + " " + endpoint.getPath());
        TokenCache tokens = endpoint.tokenCache();
        if (tokens != null) {
            try {
                AccessToken token = tokens.token();
                builder.detail("token.expires.at", token.expiresAt().toString());
                builder.detail("token.fetches", tokens.fetchCount());
            } catch (AccsAuthenticationException e) {
                if (e.getError() != null) {
                    builder.detail("ims.error", e.getError());
                }
                if (e.getDebugId() != null) {
                    builder.detail("ims.debug.id", e.getDebugId());
                }
                builder.message("No token: " + e.getMessage());
                builder.error(e);
                builder.down();
                return;
            }
        }
        CommerceMetrics metrics = endpoint.getComponent().metrics();
        builder.detail("commerce.requests", metrics.requests());
        builder.detail("commerce.retries", metrics.retries());
        builder.detail("commerce.rate.limited", metrics.rateLimitedResponses());
        if (metrics.isFailing()) {
            builder.detail("commerce.last.failure", metrics.lastFailure());
            builder.detail("commerce.last.failure.at", String.valueOf(metrics.lastFailureAt()));
            builder.message("Commerce did not answer the last request: " + metrics.lastFailure());
            builder.down();
            return;
        }
        builder.up();
    }
}
