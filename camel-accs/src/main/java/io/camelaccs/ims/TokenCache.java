package io.camelaccs.ims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the access token of one grant and decides when to fetch a new one, so that IMS sees one request per token
 * lifetime however many threads ask.
 * <p>
 * A token is <em>fresh</em> until {@code refreshMargin} before it expires: it is returned at once. It is then
 * <em>stale</em>: it is still returned at once while one refresh runs in the background. From {@code expiryMargin}
 * before expiry it is <em>expired</em>: no caller gets it, and every caller waits on the same single fetch (and gets
 * the same failure if that fetch fails). Both margins are capped by the token's lifetime (half and a tenth), so short
 * lived tokens are still used.
 * <p>
 * When IMS refuses the credentials (400/401), no further request is made for {@code refusalCooldown}: callers without
 * a usable token get the cached refusal. Adobe throttles integrations that mint tokens in a loop.
 */
public final class TokenCache implements TokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    private final TokenSource source;
    private final Duration refreshMargin;
    private final Duration expiryMargin;
    private final Duration refusalCooldown;
    private final Executor background;
    private final Clock clock;

    private final Object lock = new Object();
    private volatile AccessToken current;
    /** The one fetch under way, or null; written under {@link #lock}. */
    private CompletableFuture<AccessToken> inFlight;
    /** The last refusal while it still holds, written under {@link #lock}. */
    private volatile Refusal refusal;
    /** After a failed background refresh, the stale token is used without asking IMS again until then. */
    private volatile Instant quietUntil = Instant.MIN;

    private final AtomicLong fetchCount = new AtomicLong();
    private final AtomicLong failureCount = new AtomicLong();
    private volatile RuntimeException lastFailure;
    private volatile Instant lastFailureAt;

    /**
     * @param background runs refreshes of stale tokens so that no caller waits; when null the first caller to see a
     *                   stale token refreshes it while the others keep using the current one
     */
    public TokenCache(TokenSource source, Duration refreshMargin, Duration expiryMargin, Duration refusalCooldown,
                      Executor background, Clock clock) {
        this.source = source;
        this.refreshMargin = refreshMargin;
        this.expiryMargin = expiryMargin;
        this.refusalCooldown = refusalCooldown;
        this.background = background;
        this.clock = clock;
    }

    /** A token that is not about to expire, fetching one if needed. */
    @Override
    public AccessToken token() {
        AccessToken token = current;
        Instant now = clock.instant();
        if (token != null && now.isBefore(staleAt(token))) {
            return token;
        }
        CompletableFuture<AccessToken> fetch;
        boolean mine = false;
        boolean usable;
        synchronized (lock) {
            // another thread may have refreshed while this one waited for the lock
            token = current;
            now = clock.instant();
            if (token != null && now.isBefore(staleAt(token))) {
                return token;
            }
            usable = token != null && now.isBefore(deadAt(token));
            Refusal r = refusal;
            if (r != null && now.isBefore(r.until)) {
                if (usable) {
                    return token;
                }
                throw r.replay();
            }
            if (usable && now.isBefore(quietUntil) && inFlight == null) {
                return token;
            }
            fetch = inFlight;
            if (fetch == null) {
                fetch = new CompletableFuture<>();
                inFlight = fetch;
                mine = true;
            }
        }
        if (usable) {
            if (mine) {
                refreshInBackground(fetch);
            }
            return token;
        }
        if (mine) {
            runFetch(fetch);
        }
        return await(fetch);
    }

    /**
     * Drops the token a request was rejected with, if it is still the current one; a caller holding an older token
     * changes nothing, so a burst of 401s leads to one fetch.
     */
    @Override
    public boolean rejected(AccessToken rejected) {
        synchronized (lock) {
            if (current == rejected && rejected != null) {
                LOG.debug("Token rejected by Commerce; discarding it ({})", source.describe());
                current = null;
            }
        }
        return true;
    }

    private void refreshInBackground(CompletableFuture<AccessToken> fetch) {
        if (background == null) {
            runFetch(fetch);
            return;
        }
        try {
            background.execute(() -> runFetch(fetch));
        } catch (RejectedExecutionException e) {
            runFetch(fetch);
        }
    }

    private void runFetch(CompletableFuture<AccessToken> fetch) {
        try {
            AccessToken fresh = source.fetch();
            fetchCount.incrementAndGet();
            synchronized (lock) {
                current = fresh;
                refusal = null;
                quietUntil = Instant.MIN;
                if (inFlight == fetch) {
                    inFlight = null;
                }
            }
            LOG.debug("New token for {}, expires at {}", source.describe(), fresh.expiresAt());
            fetch.complete(fresh);
        } catch (Throwable e) {
            // whatever the failure, the in-flight fetch must end, or every later caller would wait on it forever
            failureCount.incrementAndGet();
            Instant now = clock.instant();
            synchronized (lock) {
                lastFailure = e instanceof RuntimeException r ? r : new RuntimeCamelException(e);
                lastFailureAt = now;
                if (e instanceof AccsAuthenticationException a && a.isRefusal()) {
                    refusal = new Refusal(a, now.plus(refusalCooldown));
                }
                AccessToken token = current;
                if (token != null && now.isBefore(deadAt(token))) {
                    // keep serving the stale token, and give IMS a rest before asking again
                    Duration left = Duration.between(now, deadAt(token));
                    Duration rest = left.dividedBy(4);
                    quietUntil = now.plus(rest.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : rest);
                }
                if (inFlight == fetch) {
                    inFlight = null;
                }
            }
            LOG.warn("Token request failed for {}: {}", source.describe(), e.getMessage());
            fetch.completeExceptionally(e);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private static AccessToken await(CompletableFuture<AccessToken> fetch) {
        try {
            return fetch.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AccsAuthenticationException a) {
                // each waiting caller gets its own exception (own stack), the shared failure as its cause
                throw new AccsAuthenticationException(a.getMessage(), a.getStatusCode(), a.getError(),
                        a.getErrorDescription(), a.getDebugId(), a);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new RuntimeCamelException("Token request failed: " + cause, cause);
        }
    }

    private Instant staleAt(AccessToken t) {
        return t.expiresAt().minus(min(refreshMargin, t.lifetime().dividedBy(2)));
    }

    private Instant deadAt(AccessToken t) {
        return t.expiresAt().minus(min(expiryMargin, t.lifetime().dividedBy(10)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The current token without fetching, or null. For observability; never log its value. */
    public AccessToken peek() {
        return current;
    }

    /** Tokens fetched so far. */
    public long fetchCount() {
        return fetchCount.get();
    }

    /** Failed fetches so far. */
    public long failureCount() {
        return failureCount.get();
    }

    /** The last failed fetch, or null. */
    public RuntimeException lastFailure() {
        return lastFailure;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public String describe() {
        return source.describe();
    }

    @Override
    public String toString() {
        return "TokenCache[" + source.describe() + ", " + current + "]";
    }

    private record Refusal(AccsAuthenticationException cause, Instant until) {
        AccsAuthenticationException replay() {
            return new AccsAuthenticationException(
                    cause.getMessage() + " (refused at the last attempt; IMS is not asked again for this client until "
                                                   + until + ")",
                    cause.getStatusCode(), cause.getError(), cause.getErrorDescription(), cause.getDebugId(), cause);
        }
    }
}
