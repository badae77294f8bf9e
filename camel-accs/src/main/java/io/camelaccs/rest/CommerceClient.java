package io.camelaccs.rest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.camelaccs.http.Backoff;
import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenProvider;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Commerce requests with the headers ACCS expects ({@code Authorization: Bearer}, {@code x-api-key},
 * {@code x-gw-ims-org-id}, {@code Store}) and recovers from a rejected token: on a 401 the token that was used is
 * reported to its provider (which discards it only if it is still current) and, when the provider can supply another
 * (not with a caller's ACCESS_TOKEN), the request is replayed once. A 401 that the replay's fresh token meets again, or
 * that the provider already knows a fresh token does not cure, comes back marked {@link HttpReply#tokenRuledOut()}:
 * a missing permission.
 */
public final class CommerceClient {

    private static final Logger LOG = LoggerFactory.getLogger(CommerceClient.class);

    /**
     * The headers this client sets on every request (lower case): a request's own headers never replace them, and
     * HTTP framing headers, which the HTTP client writes itself, are never taken from a request either.
     */
    public static final Set<String> OWN_HEADERS = Set.of("authorization", "x-api-key", "x-gw-ims-org-id", "store",
            "accept", "content-type", "content-length", "transfer-encoding", "host", "connection");

    private final String baseUrl;
    private final HttpTransport transport;
    private final String apiKey;
    private final String orgId;
    private final RetryPolicy retries;
    private final CommerceMetrics metrics;

    public CommerceClient(String baseUrl, HttpTransport transport, String apiKey, String orgId, RetryPolicy retries,
                          CommerceMetrics metrics) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.apiKey = apiKey;
        this.orgId = orgId;
        this.retries = retries;
        this.metrics = metrics;
    }

    /**
     * Sends the request, retrying as the policy allows, and replaying it once with a new token if Commerce rejects
     * the token. Returns the last response, error or not; throws the last I/O error.
     */
    public HttpReply send(CommerceRequest request, TokenProvider tokens) throws IOException {
        Instant deadline = Instant.now().plus(retries.timeout());
        for (int retry = 1;; retry++) {
            HttpReply reply;
            try {
                reply = sendAuthorized(request, tokens);
            } catch (IOException e) {
                boolean again = retry <= retries.maxRetries() && retries.retriesIoError(request.method())
                                && pauseBeforeRetry(request, retry, retries.backoff().delay(retry), deadline,
                                        e.getClass().getSimpleName() + ": " + e.getMessage());
                if (again) {
                    continue;
                }
                metrics.failure(request + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                throw e;
            }
            if (reply.status() == 429) {
                metrics.rateLimited();
            }
            if (retry <= retries.maxRetries() && retries.retriesStatus(request.method(), reply.status())) {
                Duration pause = Backoff.retryAfter(reply.header("Retry-After"), Clock.systemUTC());
                if (pause == null) {
                    pause = retries.backoff().delay(retry);
                }
                if (pauseBeforeRetry(request, retry, pause, deadline, "HTTP " + reply.status())) {
                    continue;
                }
            }
            if (reply.status() >= 500) {
                metrics.failure(request + ": HTTP " + reply.status());
            } else {
                metrics.answered();
            }
            return reply;
        }
    }

    private boolean pauseBeforeRetry(CommerceRequest request, int retry, Duration pause, Instant deadline, String reason) {
        // Durations, not nanoseconds: a Retry-After of years must not overflow into a retry
        if (pause.compareTo(Duration.between(Instant.now(), deadline)) > 0) {
            LOG.debug("{} failed ({}); no retry: a pause of {} ms would pass the retry timeout", request, reason,
                    pause.toMillis());
            return false;
        }
        LOG.debug("{} failed ({}); retry {} of {} in {} ms", request, reason, retry, retries.maxRetries(),
                pause.toMillis());
        metrics.retry();
        return Backoff.pause(pause);
    }

    private HttpReply sendAuthorized(CommerceRequest request, TokenProvider tokens) throws IOException {
        AccessToken token = tokens.token();
        HttpReply reply = sendOnce(request, token);
        if (reply.status() != 401) {
            return reply;
        }
        metrics.unauthorized();
        switch (tokens.rejected(token)) {
            case FINAL:
                return reply;
            case NOT_THE_TOKEN:
                LOG.debug("{} answered 401 to a token a fresh one has not bettered: a missing permission", request);
                return reply.withTokenRuledOut();
            default:
                break;
        }
        LOG.debug("{} answered 401: replaying once with a new token", request);
        AccessToken fresh = tokens.token();
        reply = sendOnce(request, fresh);
        if (reply.status() != 401) {
            tokens.replayAccepted(fresh);
            return reply;
        }
        metrics.unauthorized();
        tokens.replayRejected(fresh);
        return reply.withTokenRuledOut();
    }

    private HttpReply sendOnce(CommerceRequest request, AccessToken token) throws IOException {
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.method(), baseUrl + request.pathAndQuery());
        for (Map.Entry<String, String> h : request.headers()) {
            // whatever strategy selected them: setHeader below replaces only a first occurrence
            if (!OWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                http.addHeader(h.getKey(), h.getValue());
            }
        }
        http.setHeader("Authorization", "Bearer " + token.value());
        http.setHeader("x-api-key", apiKey);
        if (orgId != null) {
            http.setHeader("x-gw-ims-org-id", orgId);
        }
        if (request.storeCode() != null) {
            http.setHeader("Store", request.storeCode());
        }
        http.setHeader("Accept", "application/json");
        // Adobe's samples send the JSON content type on every call, bodiless ones included
        http.setHeader("Content-Type", "application/json");
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        }
        long start = System.nanoTime();
        metrics.request();
        HttpReply reply = transport.execute(http);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> HTTP {} in {} ms", request, reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
        return reply;
    }
}
