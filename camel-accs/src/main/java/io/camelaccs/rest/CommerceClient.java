package io.camelaccs.rest;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.camelaccs.http.Backoff;
import io.camelaccs.http.Call;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.http.Scheduler;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenProvider;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Commerce requests where the endpoint's {@link CommercePlatform} says (with the store scope in a header or in
 * the path), authenticated as its {@link RequestAuthorizer} says (an IMS bearer with {@code x-api-key} and
 * {@code x-gw-ims-org-id}, a PaaS bearer, an OAuth 1.0a signature made for each attempt), and recovers from a
 * rejected token: on a 401 the token that was used is reported to its provider (which discards it only if it is still current) and, when the provider can supply another
 * (not with a caller's ACCESS_TOKEN), the request is replayed once. A 401 that the replay's fresh token meets again, or
 * that the provider already knows a fresh token does not cure, comes back marked {@link HttpReply#tokenRuledOut()}:
 * a missing permission.
 * <p>
 * Every Commerce request goes through {@link #sendAsync}: token, send, 401 replay, retry decision and pause in one
 * {@link Call}, timed by the component's {@link Scheduler}. No thread sleeps through a pause.
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
    private final CommercePlatform platform;
    private final RequestAuthorizer authorizer;
    private final RetryPolicy retries;
    private final CommerceMetrics metrics;
    private final Scheduler scheduler;

    /**
     * @param platform   where requests go and how their scope travels
     * @param authorizer how each attempt is authenticated
     */
    public CommerceClient(String baseUrl, HttpTransport transport, CommercePlatform platform,
                          RequestAuthorizer authorizer, RetryPolicy retries, CommerceMetrics metrics,
                          Scheduler scheduler) {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.platform = platform;
        this.authorizer = authorizer;
        this.retries = retries;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The platform this client's requests go to. */
    public CommercePlatform platform() {
        return platform;
    }

    /**
     * Sends the request, retrying as the policy allows, and replaying it once with a new token if Commerce rejects
     * the token. The first attempt is sent on this thread; pauses are scheduled, so the call completes later, on a
     * worker, when it had to wait. Completes with the last response, error or not, or fails with the last I/O error.
     *
     * @param owner whose stop ends the call's waits
     */
    public Call<HttpReply> sendAsync(CommerceRequest request, TokenProvider tokens, Calls owner) {
        return Call.start(request.toString(), retries.timeout(), scheduler, owner,
                call -> sendAuthorized(request, tokens, call), (attempt, reply, failure, left) -> judge(request, attempt,
                        reply, failure, left));
    }

    /** {@link #sendAsync} for a caller that waits on its own thread (a consumer's poll, a page of a walk). */
    public HttpReply send(CommerceRequest request, TokenProvider tokens, Calls owner) throws IOException {
        return sendAsync(request, tokens, owner).await();
    }

    private Call.Decision judge(CommerceRequest request, int retry, HttpReply reply, Throwable failure, Duration left) {
        if (failure != null) {
            if (failure instanceof IOException e && retry <= retries.maxRetries()
                    && retries.retriesIoError(request.method(), e)) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                Call.Decision pause = pauseBeforeRetry(request, retry, retries.backoff().delay(retry), left, reason,
                        "a retry pause");
                if (pause != null) {
                    return pause;
                }
            }
            if (failure instanceof IOException e) {
                metrics.failure(request + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return Call.Decision.finish();
        }
        if (reply.status() == 429) {
            metrics.rateLimited();
        }
        if (retry <= retries.maxRetries() && retries.retriesStatus(request.method(), reply.status())) {
            Duration asked = Backoff.retryAfter(reply.header("Retry-After"), scheduler.clock());
            Duration pause = asked != null ? asked : retries.backoff().delay(retry);
            Call.Decision decision = pauseBeforeRetry(request, retry, pause, left, "HTTP " + reply.status(),
                    asked != null ? "a Retry-After" : "a retry pause");
            if (decision != null) {
                return decision;
            }
        }
        if (reply.status() >= 500) {
            metrics.failure(request + ": HTTP " + reply.status());
        } else {
            metrics.answered();
        }
        return Call.Decision.finish();
    }

    private Call.Decision pauseBeforeRetry(CommerceRequest request, int retry, Duration pause, Duration left,
                                           String reason, String kind) {
        // Durations, not nanoseconds: a Retry-After of years must not overflow into a retry
        if (pause.compareTo(left) > 0) {
            LOG.debug("{} failed ({}); no retry: a pause of {} ms would pass the retry timeout", request, reason,
                    pause.toMillis());
            return null;
        }
        LOG.debug("{} failed ({}); retry {} of {} in {} ms", request, reason, retry, retries.maxRetries(),
                pause.toMillis());
        return Call.Decision.pause(pause, kind + " of " + pause.toMillis() + " ms after " + reason);
    }

    /** One attempt: a token, the request, and on a 401 one replay with a new token when that can help. */
    private CompletableFuture<HttpReply> sendAuthorized(CommerceRequest request, TokenProvider tokens,
                                                        Call<HttpReply> call) {
        if (call.attempts() > 1) {
            // counted when made: a pause a stop cut short was no retry
            metrics.retry();
        }
        return withToken(tokens, call, token -> {
            HttpReply reply = sendOnce(request, token);
            if (reply.status() != 401) {
                return CompletableFuture.completedFuture(reply);
            }
            metrics.unauthorized();
            switch (tokens.rejected(token)) {
                case FINAL:
                    return CompletableFuture.completedFuture(reply.withAdvice(authorizer.adviceOn401(
                            ErrorMessage.render(reply.body()))));
                case NOT_THE_TOKEN:
                    LOG.debug("{} answered 401 to a token a fresh one has not bettered: a missing permission", request);
                    return CompletableFuture.completedFuture(reply.withTokenRuledOut());
                default:
                    break;
            }
            LOG.debug("{} answered 401: replaying once with a new token", request);
            return withToken(tokens, call, fresh -> {
                HttpReply again = sendOnce(request, fresh);
                if (again.status() != 401) {
                    tokens.replayAccepted(fresh);
                    return CompletableFuture.completedFuture(again);
                }
                metrics.unauthorized();
                tokens.replayRejected(fresh);
                return CompletableFuture.completedFuture(again.withTokenRuledOut());
            });
        });
    }

    /** What a request does once it has a token, which may come at once or after IMS has answered. */
    @FunctionalInterface
    private interface WithToken {
        CompletableFuture<HttpReply> send(AccessToken token) throws IOException;
    }

    /**
     * Runs the step with a token: at once on this thread when one is at hand, else on a worker once IMS has
     * answered, the call meanwhile marked as waiting for it (so that a stop ends the wait).
     */
    private CompletableFuture<HttpReply> withToken(TokenProvider tokens, Call<HttpReply> call, WithToken step) {
        CompletableFuture<AccessToken> token = tokens.tokenAsync();
        if (token.isDone()) {
            try {
                return run(step, token.join());
            } catch (CompletionException e) {
                // no token could be had (IMS refused): nothing is sent, and the call fails with IMS's answer
                return CompletableFuture.failedFuture(Call.unwrap(e));
            }
        }
        call.awaiting("a token from IMS (" + tokens.describe() + ")");
        return token.thenComposeAsync(t -> {
            // no longer waiting first, then the check: a stop in between either ended the call or lets it send
            call.awaiting(null);
            if (call.isDone()) {
                // stopped while it waited: the token comes too late for it, and nothing is sent
                return CompletableFuture.failedFuture(new CancellationException(call + " ended before its token came"));
            }
            return run(step, t);
        }, scheduler.workers());
    }

    private static CompletableFuture<HttpReply> run(WithToken step, AccessToken token) {
        try {
            return step.send(token);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private HttpReply sendOnce(CommerceRequest request, AccessToken token) throws IOException {
        String url = baseUrl + platform.path(request);
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.method(), url + request.queryString());
        for (Map.Entry<String, String> h : request.headers()) {
            // whatever strategy selected them: setHeader below replaces only a first occurrence
            if (!OWN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                http.addHeader(h.getKey(), h.getValue());
            }
        }
        authorizer.authorize(http, url, request.query(), token);
        platform.scope(http, request);
        http.setHeader("Accept", "application/json");
        // Adobe's samples send the JSON content type on every call, bodiless ones included
        http.setHeader("Content-Type", "application/json");
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
        }
        long start = System.nanoTime();
        metrics.request();
        HttpReply reply;
        try {
            reply = transport.execute(http);
        } catch (IOException e) {
            metrics.sent(request, "IO_ERROR", System.nanoTime() - start);
            throw e;
        }
        long took = System.nanoTime() - start;
        metrics.sent(request, Integer.toString(reply.status()), took);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} -> HTTP {} in {} ms", request, reply.status(), took / 1_000_000);
        }
        return reply;
    }
}
