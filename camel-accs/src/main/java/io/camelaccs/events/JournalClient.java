package io.camelaccs.events;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenProvider;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the I/O Events journal with the headers it expects ({@code Authorization: Bearer}, {@code x-api-key},
 * {@code x-ims-org-id}, the events media type), replaying a request once with a new token when the journal rejects
 * the token, as the accs: component does with Commerce. Every wait for a token is bounded by {@code tokenTimeout}: an
 * IMS that accepts connections but never answers fails the poll then, instead of holding it for as long as the IMS
 * client's own timeouts and retries allow.
 */
final class JournalClient {

    /** No token came within {@code tokenTimeout}: the poll failed after waiting its whole bound. */
    static final class TokenTimeoutException extends AccsEventsException {
        private static final long serialVersionUID = 1L;

        TokenTimeoutException(String message, Throwable cause) {
            super(message, 0);
            if (cause != null) {
                initCause(cause);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalClient.class);
    static final String EVENTS_MEDIA_TYPE = "application/vnd.adobecloud.events+json";
    /** How much later than the token cache's own timer this thread gives up: the cache's message is the better one. */
    private static final long TIMER_SLACK_MS = 200;

    private final HttpTransport transport;
    private final TokenProvider tokens;
    private final String apiKey;
    private final String orgId;
    private final Duration tokenTimeout;

    JournalClient(HttpTransport transport, TokenProvider tokens, String apiKey, String orgId, Duration tokenTimeout) {
        this.transport = transport;
        this.tokens = tokens;
        this.apiKey = apiKey;
        this.orgId = orgId;
        this.tokenTimeout = tokenTimeout;
    }

    HttpReply get(String url) throws IOException {
        AccessToken token = token();
        HttpReply reply = getOnce(url, token);
        if (reply.status() != 401 || tokens.rejected(token) != TokenProvider.Verdict.REPLAY) {
            return reply;
        }
        LOG.debug("Journal answered 401: replaying once with a new token");
        AccessToken fresh = token();
        reply = getOnce(url, fresh);
        // the same bookkeeping as Commerce calls: a 401 a fresh token does not cure is no reason to mint more
        if (reply.status() == 401) {
            tokens.replayRejected(fresh);
        } else {
            tokens.replayAccepted(fresh);
        }
        return reply;
    }

    /**
     * A token, waited for at most {@code tokenTimeout}. The token cache bounds its own waits by the same value; the
     * bound here (a moment later) also covers a fetch this thread would otherwise make itself.
     */
    private AccessToken token() {
        long started = System.nanoTime();
        CompletableFuture<AccessToken> pending = tokens.tokenAsync();
        try {
            return pending.get(tokenTimeout.toMillis() + TIMER_SLACK_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccsEventsException("Interrupted while waiting for a token from Adobe IMS", 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(tokenTimeout) >= 0) {
                // whatever the cache called it, the poll waited its whole bound
                throw timedOut(cause);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new AccsEventsException("Token request failed: " + cause.getMessage(), 0);
        }
    }

    private TokenTimeoutException timedOut(Throwable cause) {
        return new TokenTimeoutException("No token from Adobe IMS within " + tokenTimeout.toMillis()
                                         + " ms (option tokenTimeout) for the journal: IMS does not answer", cause);
    }

    private HttpReply getOnce(String url, AccessToken token) throws IOException {
        BasicClassicHttpRequest http = new BasicClassicHttpRequest("GET", url);
        http.setHeader("Authorization", "Bearer " + token.value());
        http.setHeader("x-api-key", apiKey);
        if (orgId != null) {
            http.setHeader("x-ims-org-id", orgId);
        }
        http.setHeader("Accept", EVENTS_MEDIA_TYPE);
        long start = System.nanoTime();
        HttpReply reply = transport.execute(http);
        if (LOG.isDebugEnabled()) {
            LOG.debug("GET {} -> HTTP {} in {} ms", url, reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
        return reply;
    }
}
