package io.camelaccs.ims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.camelaccs.http.Scheduler;
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
 * <p>
 * When Commerce answers 401, the token is discarded (if still current) so that the request can be replayed with a new
 * one. Commerce gives a missing permission the very answer of a bad token, so when the new token is refused too, the
 * token is <em>not the cause</em>: it is kept, and later 401s on it are reported as such without asking IMS, for a
 * grace period ({@code unauthorizedGrace}, doubling while fresh tokens keep failing to cure 401s, up to five minutes,
 * back to the start once a replay cures one). A credential that lacks one permission thus costs a handful of token
 * requests, not one per call.
 * <p>
 * Every wait is bounded: a caller waiting on another caller's fetch fails after {@code tokenTimeout} with an
 * {@link AccsAuthenticationException} that says so; asynchronous callers ({@link #tokenAsync()}) wait without a
 * thread.
 */
public final class TokenCache implements TokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);

    /** How long a token a fresh-token replay was refused with is kept through 401s, at first. */
    public static final Duration DEFAULT_UNAUTHORIZED_GRACE = Duration.ofSeconds(5);
    /** How long a caller waits for a token another caller's fetch brings, unless configured. */
    public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(60);
    /** The longest such grace, however long fresh tokens keep failing to cure 401s. */
    static final Duration MAX_UNAUTHORIZED_GRACE = Duration.ofMinutes(5);

    private final TokenSource source;
    private final Duration refreshMargin;
    private final Duration expiryMargin;
    private final Duration refusalCooldown;
    private final Duration unauthorizedGrace;
    private final Executor background;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration tokenTimeout;

    private final Object lock = new Object();
    private volatile AccessToken current;
    /** {@link #current} as a completed future, so that the common case allocates nothing. */
    private volatile CompletableFuture<AccessToken> currentReady;
    /** The one fetch under way, or null; written under {@link #lock}. */
    private CompletableFuture<AccessToken> inFlight;
    /** The last refusal while it still holds, written under {@link #lock}. */
    private volatile Refusal refusal;
    /** After a failed background refresh, the stale token is used without asking IMS again until then. */
    private volatile Instant quietUntil = Instant.MIN;
    /** The token a replay was refused with, kept through 401s until {@link #notTheTokenUntil}; under {@link #lock}. */
    private AccessToken notTheToken;
    private Instant notTheTokenUntil = Instant.MIN;
    /** Replays in a row that a fresh token did not cure; under {@link #lock}. */
    private int uncured;
    /** Whether the next token fetched replaces one Commerce refused; under {@link #lock}. */
    private boolean replacing;
    /** The token fetched to replace a refused one, and when it came; under {@link #lock}. */
    private AccessToken replacement;
    private Instant replacementAt = Instant.MIN;

    private final AtomicLong fetchCount = new AtomicLong();
    private final AtomicLong failureCount = new AtomicLong();
    private volatile RuntimeException lastFailure;
    private volatile Instant lastFailureAt;
    private volatile Instant lastFetchAt;

    /**
     * @param background runs refreshes of stale tokens so that no caller waits, and the fetches asynchronous callers
     *                   wait for; when null the first caller to see a stale token refreshes it while the others keep
     *                   using the current one
     */
    public TokenCache(TokenSource source, Duration refreshMargin, Duration expiryMargin, Duration refusalCooldown,
                      Executor background, Clock clock) {
        this(source, refreshMargin, expiryMargin, refusalCooldown, DEFAULT_UNAUTHORIZED_GRACE, background, clock);
    }

    /**
     * @param unauthorizedGrace how long a token that a fresh-token replay was refused with is kept through 401s at
     *                          first (it doubles while fresh tokens keep failing to cure them)
     */
    public TokenCache(TokenSource source, Duration refreshMargin, Duration expiryMargin, Duration refusalCooldown,
                      Duration unauthorizedGrace, Executor background, Clock clock) {
        this(source, refreshMargin, expiryMargin, refusalCooldown, unauthorizedGrace, DEFAULT_TOKEN_TIMEOUT, background,
                Scheduler.standalone(clock));
    }

    /**
     * @param tokenTimeout how long a caller waits for a token another caller's fetch brings, before failing
     * @param scheduler    the clock, the timer of those waits, and the workers that fetch for asynchronous callers
     */
    public TokenCache(TokenSource source, Duration refreshMargin, Duration expiryMargin, Duration refusalCooldown,
                      Duration unauthorizedGrace, Duration tokenTimeout, Executor background, Scheduler scheduler) {
        this.source = source;
        this.tokenTimeout = tokenTimeout;
        this.scheduler = scheduler;
        this.refreshMargin = refreshMargin;
        this.expiryMargin = expiryMargin;
        this.refusalCooldown = refusalCooldown;
        this.unauthorizedGrace = unauthorizedGrace;
        this.background = background;
        this.clock = scheduler.clock();
    }

    /** A token that is not about to expire, fetching one on this thread if needed (or waiting, bounded, for one). */
    @Override
    public AccessToken token() {
        try {
            return obtain(false).join();
        } catch (CompletionException e) {
            // already this caller's own exception: see bounded
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new RuntimeCamelException("Token request failed: " + cause, cause);
        }
    }

    /**
     * A token that is not about to expire, as a future: complete at once in the common case; when one must be fetched,
     * the fetch runs on the scheduler's workers and the future completes when IMS has answered, or fails after
     * {@code tokenTimeout}.
     */
    @Override
    public CompletableFuture<AccessToken> tokenAsync() {
        return obtain(true);
    }

    private CompletableFuture<AccessToken> obtain(boolean async) {
        AccessToken token = current;
        Instant now = clock.instant();
        if (token != null && now.isBefore(staleAt(token))) {
            return ready(token);
        }
        CompletableFuture<AccessToken> fetch;
        boolean mine = false;
        boolean usable;
        synchronized (lock) {
            // another thread may have refreshed while this one waited for the lock
            token = current;
            now = clock.instant();
            if (token != null && now.isBefore(staleAt(token))) {
                return ready(token);
            }
            usable = token != null && now.isBefore(deadAt(token));
            Refusal r = refusal;
            if (r != null && now.isBefore(r.until)) {
                if (usable) {
                    return ready(token);
                }
                return CompletableFuture.failedFuture(r.replay());
            }
            if (usable && now.isBefore(quietUntil) && inFlight == null) {
                return ready(token);
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
            return ready(token);
        }
        if (mine && !async) {
            // a synchronous caller has to wait anyway: it fetches itself, bounded by the IMS client's own limits
            runFetch(fetch);
            return bounded(fetch);
        }
        if (mine) {
            CompletableFuture<AccessToken> started = fetch;
            try {
                // not the request workers: a fetch waiting out an IMS retry pause must not hold one of them
                (background != null ? background : scheduler.workers()).execute(() -> runFetch(started));
            } catch (RejectedExecutionException e) {
                runFetch(started);
            }
        }
        return bounded(fetch);
    }

    private CompletableFuture<AccessToken> ready(AccessToken token) {
        CompletableFuture<AccessToken> r = currentReady;
        return r != null && r.getNow(null) == token ? r : CompletableFuture.completedFuture(token);
    }

    /**
     * The fetch as this caller sees it: its own copy of a refusal (own stack, the shared failure as its cause), and a
     * timeout of its own, so that no caller waits on IMS longer than {@code tokenTimeout}.
     */
    private CompletableFuture<AccessToken> bounded(CompletableFuture<AccessToken> fetch) {
        if (fetch.isDone()) {
            return fetch.isCompletedExceptionally() ? failedCopy(fetch) : fetch;
        }
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        Future<?> timeout;
        try {
            Runnable expire = () -> mine.completeExceptionally(new AccsAuthenticationException(
                    "No token from Adobe IMS within " + tokenTimeout.toMillis() + " ms (option tokenTimeout) for "
                                                                                 + source.describe()
                                                                                 + ": the token request is still"
                                                                                 + " unanswered",
                    0, null, null, null, null));
            // failing a future blocks nobody: on the timer's own thread if the workers are gone
            timeout = scheduler.later(tokenTimeout, expire, rejected -> expire.run());
        } catch (RejectedExecutionException e) {
            timeout = null;
        }
        Future<?> cancel = timeout;
        fetch.whenComplete((t, e) -> {
            if (cancel != null) {
                cancel.cancel(false);
            }
            if (e == null) {
                mine.complete(t);
            } else {
                mine.completeExceptionally(copy(e));
            }
        });
        return mine;
    }

    private static CompletableFuture<AccessToken> failedCopy(CompletableFuture<AccessToken> fetch) {
        try {
            fetch.join();
            return fetch;
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(copy(e));
        }
    }

    /** Each waiting caller gets its own exception (own stack), the shared failure as its cause. */
    private static Throwable copy(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AccsAuthenticationException a) {
            return new AccsAuthenticationException(a.getMessage(), a.getStatusCode(), a.getError(),
                    a.getErrorDescription(), a.getDebugId(), a);
        }
        return cause;
    }

    /**
     * Drops the token a request was rejected with, if it is still the current one; a caller holding an older token
     * changes nothing, so a burst of 401s leads to one fetch. A token that a replay was refused with moments ago is
     * kept: the 401 is not about it.
     */
    @Override
    public Verdict rejected(AccessToken rejected) {
        synchronized (lock) {
            Instant now = clock.instant();
            boolean graceHolds = now.isBefore(notTheTokenUntil);
            if (rejected != null && rejected == notTheToken && graceHolds) {
                return Verdict.NOT_THE_TOKEN;
            }
            if (current == rejected && rejected != null) {
                if (rejected == replacement && now.isBefore(replacementAt.plus(unauthorizedGrace))) {
                    // fetched moments ago to replace a refused token and refused too: as good as a failed replay
                    judgeNotTheToken(rejected, now);
                    return Verdict.NOT_THE_TOKEN;
                }
                LOG.debug("Token rejected by Commerce; discarding it ({})", source.describe());
                current = null;
                replacing = true;
                return Verdict.REPLAY;
            }
            // the token was replaced meanwhile: by one that has already failed to cure a 401, a replay is pointless
            return current != null && current == notTheToken && graceHolds ? Verdict.NOT_THE_TOKEN : Verdict.REPLAY;
        }
    }

    @Override
    public void replayRejected(AccessToken token) {
        synchronized (lock) {
            // a token no longer current has been dealt with: its late reports change nothing
            if (token != null && token == current && token != notTheToken) {
                judgeNotTheToken(token, clock.instant());
            }
        }
    }

    /** Under {@link #lock}: keeps the token through 401s for a grace that doubles while fresh tokens do not cure. */
    private void judgeNotTheToken(AccessToken token, Instant now) {
        uncured++;
        Duration grace = unauthorizedGrace.multipliedBy(1L << Math.min(uncured - 1, 20));
        if (grace.compareTo(MAX_UNAUTHORIZED_GRACE) > 0) {
            grace = MAX_UNAUTHORIZED_GRACE;
        }
        notTheToken = token;
        notTheTokenUntil = now.plus(grace);
        LOG.warn("Commerce refused a token just fetched for {} as well: the 401 is a missing permission of the"
                 + " credential, not a bad token; the token is kept and such 401s fail without a new token for {} s",
                source.describe(), grace.toSeconds());
    }

    @Override
    public void replayAccepted(AccessToken token) {
        synchronized (lock) {
            uncured = 0;
        }
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
            lastFetchAt = clock.instant();
            synchronized (lock) {
                current = fresh;
                currentReady = CompletableFuture.completedFuture(fresh);
                if (replacing) {
                    replacing = false;
                    replacement = fresh;
                    replacementAt = clock.instant();
                }
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

    private Instant staleAt(AccessToken t) {
        return t.expiresAt().minus(min(refreshMargin, t.lifetime().dividedBy(2)));
    }

    private Instant deadAt(AccessToken t) {
        return t.expiresAt().minus(min(expiryMargin, t.lifetime().dividedBy(10)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Until when 401s on the current token are taken for a missing permission rather than a bad token, or null when
     * they are not. For observability.
     */
    public Instant notTheTokenUntil() {
        synchronized (lock) {
            return current != null && current == notTheToken && clock.instant().isBefore(notTheTokenUntil)
                    ? notTheTokenUntil : null;
        }
    }

    /** The current token without fetching, or null. For observability; never log its value. */
    public AccessToken peek() {
        return current;
    }

    /** Whether a token that may still be sent is held: one is there and it is not within the expiry margin. */
    public boolean holdsUsableToken() {
        AccessToken token = current;
        return token != null && clock.instant().isBefore(deadAt(token));
    }

    /** Whether the last token request failed (no token has been fetched since). */
    public boolean isFailing() {
        Instant failed = lastFailureAt;
        Instant fetched = lastFetchAt;
        return failed != null && (fetched == null || failed.isAfter(fetched));
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
