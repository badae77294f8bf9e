package io.camelaccs.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults injected on demand, all thread-safe and all undone by {@link #clear()}:
 * <ul>
 * <li>fixed latency on every Commerce and/or IMS response;</li>
 * <li>the next N Commerce requests (optionally only those with a method and path prefix, as in
 * {@code "GET", "/V1/products"}) answered with 429 and a {@code Retry-After}, with a 5xx, or with a connection reset;
 * scheduled faults are used up in the order they were added;</li>
 * <li>revoked access tokens (the next Commerce request with one gets 401);</li>
 * <li>an IMS outage (503) for the next N token requests or until cleared, IMS connection resets, and a denied
 * authorization (the authorize endpoint redirects with {@code error=access_denied}).</li>
 * </ul>
 * Paths are relative to the tenant, as in {@code /V1/products}; a null method or path matches any.
 */
public final class FaultPlan {

    private static final Logger LOG = LoggerFactory.getLogger(FaultPlan.class);
    private static final Set<Integer> SERVER_ERRORS = Set.of(500, 502, 503, 504);

    /** What a scheduled Commerce fault does. */
    enum Kind {
        STATUS, RESET
    }

    /** A scheduled Commerce fault as the endpoint applies it. */
    record Injected(Kind kind, int status, Integer retryAfterSeconds) {
    }

    private static final class Scheduled {
        final Injected fault;
        final String method;
        final String pathPrefix;
        int remaining;

        Scheduled(Injected fault, String method, String pathPrefix, int remaining) {
            this.fault = fault;
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.remaining = remaining;
        }
    }

    private final TokenRegistry tokens;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private volatile Duration commerceLatency = Duration.ZERO;
    private volatile Duration imsLatency = Duration.ZERO;
    /** Remaining IMS outage responses; -1 until cleared. */
    private int imsOutage;
    private int imsResets;
    private int deniedAuthorizations;
    /** A share of all Commerce requests answered with a fault, drawn from a seeded sequence; null for none. */
    private Injected randomFault;
    private double randomRate;
    private java.util.Random random;

    FaultPlan(TokenRegistry tokens) {
        this.tokens = tokens;
    }

    /** Delays every Commerce response by this much (zero for none). */
    public FaultPlan commerceLatency(Duration latency) {
        commerceLatency = checkLatency(latency);
        return this;
    }

    /** Delays every IMS response by this much (zero for none). */
    public FaultPlan imsLatency(Duration latency) {
        imsLatency = checkLatency(latency);
        return this;
    }

    /** The next {@code count} Commerce requests get 429 with {@code Retry-After: retryAfterSeconds}. */
    public FaultPlan throttle(int count, int retryAfterSeconds) {
        return throttle(count, retryAfterSeconds, null, null);
    }

    /** The next {@code count} Commerce requests of this method and path prefix get 429 with a Retry-After. */
    public FaultPlan throttle(int count, int retryAfterSeconds, String method, String pathPrefix) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative, but was " + retryAfterSeconds);
        }
        return schedule(new Injected(Kind.STATUS, 429, retryAfterSeconds), count, method, pathPrefix);
    }

    /** The next {@code count} Commerce requests get this status: 500, 502, 503 or 504. */
    public FaultPlan serverError(int count, int status) {
        return serverError(count, status, null, null, null);
    }

    /** The next {@code count} Commerce requests of this method and path prefix get this 5xx status. */
    public FaultPlan serverError(int count, int status, String method, String pathPrefix) {
        return serverError(count, status, null, method, pathPrefix);
    }

    /**
     * The next {@code count} Commerce requests of this method and path prefix get this 5xx status and, when
     * {@code retryAfterSeconds} is not null, a {@code Retry-After} header (as a 503 in maintenance carries).
     */
    public FaultPlan serverError(int count, int status, Integer retryAfterSeconds, String method, String pathPrefix) {
        if (!SERVER_ERRORS.contains(status)) {
            throw new IllegalArgumentException("A server error is one of " + SERVER_ERRORS + ", not " + status);
        }
        return schedule(new Injected(Kind.STATUS, status, retryAfterSeconds), count, method, pathPrefix);
    }

    /** The connection of the next {@code count} Commerce requests is reset instead of answered. */
    public FaultPlan connectionReset(int count) {
        return connectionReset(count, null, null);
    }

    /** The connection of the next {@code count} Commerce requests of this method and path prefix is reset. */
    public FaultPlan connectionReset(int count, String method, String pathPrefix) {
        return schedule(new Injected(Kind.RESET, 0, null), count, method, pathPrefix);
    }

    /** Revokes one token (access or refresh) as if an administrator had; false when the simulator never issued it. */
    public boolean revokeToken(String token) {
        return tokens.revoke(token);
    }

    /** Revokes the access token issued last, so the next Commerce request with it gets 401; false when none. */
    public boolean revokeLatestAccessToken() {
        return tokens.revoke(tokens.latestAccessToken());
    }

    /** Revokes every access token issued so far; returns how many were still valid. */
    public int revokeAllTokens() {
        int revoked = tokens.revokeAllAccessTokens();
        LOG.debug("Revoked {} access tokens", revoked);
        return revoked;
    }

    /** The next {@code count} IMS token requests get 503. */
    public synchronized FaultPlan imsOutage(int count) {
        imsOutage = checkCount(count);
        return this;
    }

    /** Every IMS token request gets 503 until {@link #clearImsOutage()} or {@link #clear()}. */
    public synchronized FaultPlan imsOutageUntilCleared() {
        imsOutage = -1;
        return this;
    }

    /** Ends an IMS outage. */
    public synchronized FaultPlan clearImsOutage() {
        imsOutage = 0;
        return this;
    }

    /** The connection of the next {@code count} IMS token requests is reset instead of answered. */
    public synchronized FaultPlan imsConnectionReset(int count) {
        imsResets = checkCount(count);
        return this;
    }

    /** The next {@code count} authorize requests redirect with {@code error=access_denied} (the user said no). */
    public synchronized FaultPlan denyAuthorization(int count) {
        deniedAuthorizations = checkCount(count);
        return this;
    }

    /**
     * Answers a share of all Commerce requests, drawn at random from a sequence seeded with {@code seed} (the same seed
     * fails the same requests), with this status: 429 (with {@code Retry-After}) or a 5xx, until cleared. Scheduled
     * faults come first.
     *
     * @param rate              from 0 (none) to 1 (every request)
     * @param retryAfterSeconds the {@code Retry-After} to send, or null for none
     */
    public synchronized FaultPlan failRandomly(double rate, int status, Integer retryAfterSeconds, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("The fault rate must be from 0 to 1, but was " + rate);
        }
        if (status != 429 && !SERVER_ERRORS.contains(status)) {
            throw new IllegalArgumentException("The fault status must be 429 or one of " + SERVER_ERRORS + ", but was "
                                               + status);
        }
        randomRate = rate;
        randomFault = rate == 0 ? null : new Injected(Kind.STATUS, status, retryAfterSeconds);
        random = new java.util.Random(seed);
        return this;
    }

    /** How many scheduled Commerce faults are still to be used. */
    public synchronized int pendingCommerceFaults() {
        return scheduled.stream().mapToInt(s -> s.remaining).sum();
    }

    /** Removes every fault: latencies, scheduled Commerce faults, IMS outages and denials (revocations stay). */
    public synchronized void clear() {
        scheduled.clear();
        randomFault = null;
        commerceLatency = Duration.ZERO;
        imsLatency = Duration.ZERO;
        imsOutage = 0;
        imsResets = 0;
        deniedAuthorizations = 0;
    }

    // ---- used by the endpoints ----

    int commerceLatencyMillis() {
        return (int) commerceLatency.toMillis();
    }

    int imsLatencyMillis() {
        return (int) imsLatency.toMillis();
    }

    /** Uses up the first scheduled fault that matches this request, if any. */
    synchronized Injected nextCommerceFault(String method, String rawPath, String decodedPath) {
        Iterator<Scheduled> it = scheduled.iterator();
        while (it.hasNext()) {
            Scheduled s = it.next();
            if (PathMatch.matches(s.method, s.pathPrefix, method, rawPath, decodedPath)) {
                if (--s.remaining <= 0) {
                    it.remove();
                }
                return s.fault;
            }
        }
        if (randomFault != null && random.nextDouble() < randomRate) {
            return randomFault;
        }
        return null;
    }

    synchronized boolean takeImsOutage() {
        if (imsOutage == 0) {
            return false;
        }
        if (imsOutage > 0) {
            imsOutage--;
        }
        return true;
    }

    synchronized boolean takeImsReset() {
        if (imsResets == 0) {
            return false;
        }
        imsResets--;
        return true;
    }

    synchronized boolean takeDeniedAuthorization() {
        if (deniedAuthorizations == 0) {
            return false;
        }
        deniedAuthorizations--;
        return true;
    }

    private synchronized FaultPlan schedule(Injected fault, int count, String method, String pathPrefix) {
        if (checkCount(count) > 0) {
            scheduled.add(new Scheduled(fault, method, pathPrefix, count));
        }
        return this;
    }

    private static int checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("The count must not be negative, but was " + count);
        }
        return count;
    }

    private static Duration checkLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("The latency must not be negative, but was " + latency);
        }
        return latency;
    }
}
