package io.camelaccs.events;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * The public keys that sign webhook deliveries, fetched from the key host only ({@code publicKeyBaseUrl} followed by
 * the delivery's key path) and kept for at most 24 hours, as Adobe's SDKs do. A key path that could lead anywhere else
 * (another host through {@code //} or {@code @}, a {@code ..} segment, an escape) is refused before any request.
 */
final class PublicKeyCache {

    static final Duration MAX_AGE = Duration.ofHours(24);
    /** Adobe rotates keys rarely; more distinct paths than this in a day means someone is probing. */
    private static final int MAX_KEYS = 32;
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

    private final URI base;
    private final HttpTransport transport;
    private final Clock clock;
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

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
     * @throws KeyUnavailableException   the key host could not be reached or failed
     */
    PublicKey key(String path) throws IOException, GeneralSecurityException {
        URI target = resolve(path);
        Instant now = clock.instant();
        CachedKey cached = keys.get(path);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(MAX_AGE))) {
            return cached.key();
        }
        PublicKey key = fetch(target);
        if (keys.size() >= MAX_KEYS) {
            keys.clear();
        }
        keys.put(path, new CachedKey(key, now));
        return key;
    }

    URI resolve(String path) {
        if (path == null || path.length() > 512 || !SAFE_PATH.matcher(path).matches() || path.contains("/../")
            || path.endsWith("/..") || path.contains("/./")) {
            throw new IllegalArgumentException("key path is not a plain path on " + base.getHost());
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
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("The key is not a Base64 PEM public key");
        }
    }
}
