package io.camelaccs.ims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.http.Backoff;
import io.camelaccs.http.Call;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.http.Scheduler;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the Adobe IMS token endpoint ({@code POST <imsUrl>/ims/token/v3}, form body: credentials never travel in a
 * query string, which ends up in access logs). Network errors, 5xx and 429 are retried a bounded number of times with
 * backoff and jitter, honouring {@code Retry-After}; a refusal (400, 401) is final and raised at once.
 */
public final class ImsClient {

    /** The production IMS. */
    public static final String DEFAULT_IMS_URL = "https://ims-na1.adobelogin.com";
    /** The scopes ACCS credentials are granted; {@code commerce.accs} is the one that must never be missing. */
    public static final String ACCS_SCOPES
            = "AdobeID,openid,email,profile,additional_info.roles,additional_info.projectedProductContext,commerce.accs";

    private static final Logger LOG = LoggerFactory.getLogger(ImsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Retry-After beyond this is not waited out: the caller gets the error and its own retries decide. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final String tokenUrl;
    private final HttpTransport transport;
    private final int maxRetries;
    private final Backoff backoff;
    private final Scheduler scheduler;
    private final Calls calls;

    /** An IMS client outside a CamelContext (the login helper): its pauses run on a shared daemon timer. */
    public ImsClient(String imsUrl, HttpTransport transport, int maxRetries, Duration retryDelay, Clock clock) {
        this(imsUrl, transport, maxRetries, retryDelay, Scheduler.standalone(clock), new Calls());
    }

    /**
     * @param scheduler the clock and timer of the retry pauses
     * @param calls     whose stop ends a token request's pause
     */
    public ImsClient(String imsUrl, HttpTransport transport, int maxRetries, Duration retryDelay, Scheduler scheduler,
                     Calls calls) {
        this.tokenUrl = stripSlash(imsUrl) + "/ims/token/v3";
        this.transport = transport;
        this.maxRetries = Math.max(0, maxRetries);
        this.backoff = new Backoff(retryDelay, Duration.ofSeconds(30));
        this.scheduler = scheduler;
        this.calls = calls;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    /**
     * Posts a token request, retrying server errors and throttling as configured. Public for the login helper
     * ({@code camel-accs-login}), which exchanges an authorization code with it.
     *
     * @param form        the form fields (grant and, for public clients, the client id)
     * @param clientId    the client, shown masked in messages
     * @param basicSecret when not null, the client authenticates with {@code Authorization: Basic} (confidential
     *                    clients of the user flows)
     * @return what IMS returned
     * @throws AccsAuthenticationException when IMS refused the request or kept failing; its message holds no secret
     */
    public TokenResponse requestToken(List<NameValuePair> form, String clientId, String basicSecret) {
        String who = Masking.clientId(clientId);
        // the same pipeline as Commerce requests: pauses scheduled, not slept, and ended by a stop; the thread that
        // fetches for the token cache waits here, the callers that need the token do not. Bounded by imsMaxRetries
        // and the longest Retry-After waited for, not by a time budget.
        Call<HttpReply> call = Call.start("IMS token request for client " + who, Duration.ofDays(1), scheduler, calls,
                c -> attempt(form, clientId, basicSecret, who), (attempt, reply, failure, left) -> judge(attempt,
                        reply, failure, who));
        HttpReply reply;
        try {
            reply = call.await();
        } catch (IOException e) {
            throw new AccsAuthenticationException(
                    "Adobe IMS at " + tokenUrl + " could not be reached for client " + who + " after "
                                                  + call.attempts() + " attempt(s): "
                                                  + e.getMessage(),
                    0, null, null, null, e);
        }
        if (reply.isSuccess()) {
            return parse(reply, who);
        }
        throw failure(reply, who, call.attempts());
    }

    private CompletableFuture<HttpReply> attempt(List<NameValuePair> form, String clientId, String basicSecret,
                                                 String who) {
        HttpPost post = new HttpPost(tokenUrl);
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        post.setHeader("Accept", "application/json");
        if (basicSecret != null) {
            String pair = clientId + ":" + basicSecret;
            post.setHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        long start = System.nanoTime();
        try {
            HttpReply reply = transport.execute(post);
            LOG.debug("IMS token request for client {}: HTTP {} in {} ms", who, reply.status(),
                    (System.nanoTime() - start) / 1_000_000);
            return CompletableFuture.completedFuture(reply);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Call.Decision judge(int attempt, HttpReply reply, Throwable failure, String who) {
        if (failure != null) {
            if (failure instanceof IOException && attempt <= maxRetries) {
                return pauseBeforeRetry(attempt, null, "network error " + failure.getClass().getSimpleName(), who);
            }
            return Call.Decision.finish();
        }
        boolean transientFailure = reply.status() >= 500 || reply.status() == 429;
        if (transientFailure && attempt <= maxRetries) {
            Duration retryAfter = Backoff.retryAfter(reply.header("Retry-After"), scheduler.clock());
            if (retryAfter == null || retryAfter.compareTo(LONGEST_RETRY_AFTER) <= 0) {
                return pauseBeforeRetry(attempt, retryAfter, "HTTP " + reply.status(), who);
            }
        }
        return Call.Decision.finish();
    }

    private Call.Decision pauseBeforeRetry(int retry, Duration retryAfter, String reason, String who) {
        Duration pause = retryAfter != null ? retryAfter : backoff.delay(retry);
        LOG.debug("IMS token request for client {} failed ({}); retry {} of {} in {} ms", who, reason, retry, maxRetries,
                pause.toMillis());
        return Call.Decision.pause(pause, "a pause of " + pause.toMillis() + " ms before retrying the IMS token request"
                                          + " (" + reason + ")");
    }

    private TokenResponse parse(HttpReply reply, String who) {
        JsonNode json;
        try {
            json = JSON.readTree(reply.body());
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.hasNonNull("access_token")) {
            throw new AccsAuthenticationException(
                    "Adobe IMS answered HTTP " + reply.status() + " without an access_token for client " + who
                                                  + debugSuffix(reply.debugId()),
                    reply.status(), null, null, reply.debugId(), null);
        }
        Instant now = scheduler.now();
        // expires_in is in seconds (the JWT's own claims are in milliseconds; the JSON field is what counts)
        long expiresIn = json.path("expires_in").asLong(86_399);
        AccessToken token = new AccessToken(json.get("access_token").asText(), now, now.plusSeconds(expiresIn));
        String refresh = json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null;
        return new TokenResponse(token, refresh);
    }

    private AccsAuthenticationException failure(HttpReply reply, String who, int attempts) {
        String error = null;
        String description = null;
        try {
            JsonNode json = JSON.readTree(reply.body());
            if (json != null) {
                error = json.hasNonNull("error") ? json.get("error").asText() : null;
                description = json.hasNonNull("error_description") ? json.get("error_description").asText() : null;
            }
        } catch (IOException e) {
            // not JSON (a gateway's HTML page): the status says enough
        }
        StringBuilder msg = new StringBuilder();
        boolean refusal = reply.status() == 400 || reply.status() == 401;
        msg.append(refusal ? "Adobe IMS refused the token request for client " : "Adobe IMS failed the token request for client ")
                .append(who).append(": HTTP ").append(reply.status());
        if (error != null) {
            msg.append(' ').append(error);
        }
        if (description != null) {
            msg.append(" (").append(description).append(')');
        }
        if (!refusal && attempts > 1) {
            msg.append(" after ").append(attempts).append(" attempts");
        }
        msg.append(debugSuffix(reply.debugId()));
        return new AccsAuthenticationException(msg.toString(), reply.status(), error, description, reply.debugId(), null);
    }

    private static String debugSuffix(String debugId) {
        return debugId == null ? "" : " [x-debug-id: " + debugId + "]";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
