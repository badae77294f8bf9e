package io.camelaccs.events;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.inbound.PemPublicKey;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * The public keys that sign webhook deliveries, fetched from the key host only ({@code publicKeyBaseUrl} followed by
 * the delivery's key path) and kept for at most 24 hours, as Adobe's SDKs do. A key path that could lead anywhere else
 * (another host through {@code //} or {@code @}, a {@code ..} segment, an escape), or that is not under Adobe's
 * {@code /prod/keys/} or {@code /stage/keys/}, is refused before any request.
 * <p>
 * Anyone can send a request naming a key path, so what the server fetches for it is bounded: a path that failed is
 * answered from memory for {@link #FAILURE_TTL}; one fetch per path runs at a time, whoever asks meanwhile waits for
 * it; and no more than {@link #NEW_PATHS_PER_MINUTE} paths never fetched before are fetched a minute (beyond that the
 * key is "unavailable": the sender gets 503, which Adobe retries, so a genuine new key is only delayed).
 */
final class PublicKeyCache {

    static final Duration MAX_AGE = Duration.ofHours(24);
    /** How long a path whose fetch failed is answered with that failure, without asking the key host again. */
    static final Duration FAILURE_TTL = Duration.ofMinutes(1);
    /** Adobe signs with two keys at a time (prod or stage); more new paths than this a minute means probing. */
    static final int NEW_PATHS_PER_MINUTE = 10;
    /** Where Adobe serves its keys on static.adobeioevents.com. */
    static final List<String> KEY_PREFIXES = List.of("/prod/keys/", "/stage/keys/");
    private static final int MAX_KEYS = 32;
    private static final int MAX_FAILURES = 256;
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    /** The key could not be had for a reason on our side or the key host's: the sender should try again later. */
    static final class KeyUnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        KeyUnavailableException(String message) {
            super(message);
        }
    }

    private record CachedKey(PublicKey key, Instant fetchedAt) {
    }

    /** A failed fetch, answered again until {@code until}. */
    private record Failure(boolean unavailable, String message, Instant until) {
        Exception replay() {
            return unavailable ? new KeyUnavailableException(message) : new GeneralSecurityException(message);
        }
    }

    private final URI base;
    private final HttpTransport transport;
    private final Clock clock;
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();
    /** Insertion order: the oldest failure goes first when full. Guarded by itself. */
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    /** The fetch under way for a path, which later askers wait for. */
    private final Map<String, CompletableFuture<PublicKey>> fetching = new ConcurrentHashMap<>();
    private final Object budgetLock = new Object();
    private Instant budgetSince = Instant.MIN;
    private int newPathsFetched;

    PublicKeyCache(String baseUrl, HttpTransport transport, Clock clock) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(trimmed);
        this.transport = transport;
        this.clock = clock;
    }

    /** Checks option publicKeyBaseUrl at endpoint creation: https (http to a loopback host only), no query. */
    static void validateBaseUrl(String baseUrl) {
        URI uri = SecureUrls.require("publicKeyBaseUrl", baseUrl, AccsEventsConfiguration.DEFAULT_PUBLIC_KEY_BASE_URL);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("Invalid value for option publicKeyBaseUrl: '" + baseUrl
                                               + "'. Expected an https URL with a host and no query, such as "
                                               + AccsEventsConfiguration.DEFAULT_PUBLIC_KEY_BASE_URL);
        }
    }

    /**
     * The key at this path on the key host.
     *
     * @throws IllegalArgumentException  the path is not one the key host could serve (a forgery)
     * @throws GeneralSecurityException  what the key host sent is not an RSA public key, or it has no such key
     * @throws KeyUnavailableException   the key host could not be reached or failed, or too many new paths were asked
     *                                   for this minute
     */
    PublicKey key(String path) throws IOException, GeneralSecurityException {
        URI target = resolve(path);
        PublicKey known = known(path);
        if (known != null) {
            return known;
        }
        CompletableFuture<PublicKey> mine = new CompletableFuture<>();
        CompletableFuture<PublicKey> running = fetching.putIfAbsent(path, mine);
        if (running != null) {
            return await(running);
        }
        try {
            // a fetch that ended while this caller looked stored its result before it let the path go
            known = known(path);
            if (known == null) {
                known = fetchAndKeep(path, target);
            }
            mine.complete(known);
            return known;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            fetching.remove(path, mine);
        }
    }

    /** The cached key, or the cached failure thrown again, or null when the key host must be asked. */
    private PublicKey known(String path) throws IOException, GeneralSecurityException {
        Instant now = clock.instant();
        CachedKey cached = keys.get(path);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(MAX_AGE))) {
            return cached.key();
        }
        Failure failed;
        synchronized (failures) {
            failed = failures.get(path);
            if (failed != null && !now.isBefore(failed.until())) {
                failures.remove(path);
                failed = null;
            }
        }
        if (failed != null) {
            throwAsIs(failed.replay());
        }
        return null;
    }

    private PublicKey fetchAndKeep(String path, URI target) throws IOException, GeneralSecurityException {
        if (!keys.containsKey(path) && !spendNewPath()) {
            // not remembered as this path's failure: the path did nothing wrong, the minute is spent
            throw new KeyUnavailableException("More than " + NEW_PATHS_PER_MINUTE + " unknown key paths asked for"
                                              + " within a minute: not fetched now");
        }
        try {
            PublicKey key = fetch(target);
            if (keys.size() >= MAX_KEYS && !keys.containsKey(path)) {
                keys.entrySet().stream().min(Map.Entry.comparingByValue(
                        (a, b) -> a.fetchedAt().compareTo(b.fetchedAt()))).ifPresent(oldest -> keys.remove(oldest.getKey()));
            }
            keys.put(path, new CachedKey(key, clock.instant()));
            return key;
        } catch (KeyUnavailableException e) {
            remember(path, true, e.getMessage());
            throw e;
        } catch (GeneralSecurityException e) {
            remember(path, false, e.getMessage());
            throw e;
        }
    }

    private void remember(String path, boolean unavailable, String message) {
        synchronized (failures) {
            if (failures.size() >= MAX_FAILURES) {
                failures.remove(failures.keySet().iterator().next());
            }
            failures.put(path, new Failure(unavailable, message, clock.instant().plus(FAILURE_TTL)));
        }
    }

    /** Takes one of this minute's fetches of a path never fetched before; false when none is left. */
    private boolean spendNewPath() {
        synchronized (budgetLock) {
            Instant now = clock.instant();
            if (!now.isBefore(budgetSince.plus(Duration.ofMinutes(1)))) {
                budgetSince = now;
                newPathsFetched = 0;
            }
            if (newPathsFetched >= NEW_PATHS_PER_MINUTE) {
                return false;
            }
            newPathsFetched++;
            return true;
        }
    }

    /** Waits for another caller's fetch of the same path, and answers as it did. */
    private static PublicKey await(CompletableFuture<PublicKey> running) throws IOException, GeneralSecurityException {
        try {
            return running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof KeyUnavailableException) {
                throw new KeyUnavailableException(cause.getMessage());
            }
            if (cause instanceof GeneralSecurityException) {
                throw new GeneralSecurityException(cause.getMessage());
            }
            if (cause instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(cause.getMessage());
            }
            throw new KeyUnavailableException("The key fetch failed: " + cause.getMessage());
        }
    }

    private static void throwAsIs(Exception e) throws IOException, GeneralSecurityException {
        if (e instanceof IOException io) {
            throw io;
        }
        throw (GeneralSecurityException) e;
    }

    URI resolve(String path) {
        if (path == null || path.length() > 512 || !SAFE_PATH.matcher(path).matches() || path.contains("/../")
            || path.endsWith("/..") || path.contains("/./")) {
            throw new IllegalArgumentException("key path is not a plain path on " + base.getHost());
        }
        if (KEY_PREFIXES.stream().noneMatch(path::startsWith)) {
            throw new IllegalArgumentException("key path is not under " + String.join(" or ", KEY_PREFIXES));
        }
        URI target = URI.create(base + path);
        if (!base.getScheme().equals(target.getScheme()) || !base.getHost().equalsIgnoreCase(target.getHost())
            || base.getPort() != target.getPort() || target.getRawUserInfo() != null) {
            throw new IllegalArgumentException("key path leads off " + base.getHost());
        }
        return target;
    }

    private PublicKey fetch(URI target) throws IOException, GeneralSecurityException {
        HttpReply reply;
        try {
            reply = transport.execute(new BasicClassicHttpRequest("GET", target));
        } catch (IOException e) {
            throw new KeyUnavailableException("Cannot fetch the public key " + target + ": " + e.getMessage());
        }
        if (reply.status() >= 500 || reply.status() == 429) {
            throw new KeyUnavailableException("The key host answered HTTP " + reply.status() + " for " + target);
        }
        if (reply.status() != 200) {
            throw new GeneralSecurityException("The key host has no key at " + target + " (HTTP " + reply.status() + ")");
        }
        return parsePem(new String(reply.body(), StandardCharsets.US_ASCII));
    }

    static PublicKey parsePem(String pem) throws GeneralSecurityException {
        return PemPublicKey.parse(pem);
    }
}
