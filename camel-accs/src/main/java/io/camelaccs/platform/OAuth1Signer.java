package io.camelaccs.platform;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.Masking;
import io.camelaccs.rest.AccsOAuthException;
import io.camelaccs.rest.PathTemplate;
import io.camelaccs.rest.RequestAuthorizer;
import org.apache.hc.core5.http.HttpRequest;

/**
 * A PaaS integration: signs every request with OAuth 1.0a, HMAC-SHA256 (RFC 5849, section 3.4), a fresh nonce and
 * timestamp each time. The signature base string is the method, the base URL (scheme and host in lower case, no default
 * port, no query) and the sorted parameters (the {@code oauth_*} ones and the query's; a JSON body is not part of it),
 * each part percent-encoded as RFC 3986 says; the key is the encoded consumer secret and token secret joined by
 * {@code &}. The nonce is 32 hex digits (the length Commerce's nonce table holds), never repeated by a signer.
 */
public final class OAuth1Signer implements RequestAuthorizer {

    static final String METHOD = "HMAC-SHA256";
    private static final String MAC = "HmacSHA256";

    private final String consumerKey;
    private final SecretKeySpec key;
    private final Clock clock;
    /** One Mac per thread: Mac.getInstance looks the provider up, and a Mac is not thread-safe. */
    private final ThreadLocal<Mac> macs;
    /**
     * Nonces are this signer's random prefix and a counter: unique for the signer's life without asking a
     * SecureRandom (and its lock) on every call; another signer or JVM has another prefix.
     */
    private final String noncePrefix;
    private final AtomicLong nonceCounter = new AtomicLong();
    /**
     * The origin met last and its normalized form, one pair replaced whole so that a racing reader sees a matching
     * one: a signer serves one endpoint, whose base URL is fixed, so the URL is parsed once.
     */
    private volatile String[] lastOrigin = { "", "" };

    /**
     * @param consumerKey       the integration's consumer key
     * @param consumerSecret    its consumer secret
     * @param accessTokenSecret its access token secret (the access token itself comes with each attempt)
     * @param clock             where timestamps come from
     */
    public OAuth1Signer(String consumerKey, String consumerSecret, String accessTokenSecret, Clock clock) {
        this.consumerKey = consumerKey;
        this.key = new SecretKeySpec((PathTemplate.encode(consumerSecret) + "&" + PathTemplate.encode(accessTokenSecret))
                .getBytes(StandardCharsets.UTF_8), MAC);
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(this::newMac);
        byte[] prefix = new byte[8];
        new SecureRandom().nextBytes(prefix);
        this.noncePrefix = HexFormat.of().formatHex(prefix);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("The JVM cannot compute " + MAC + " for OAuth 1.0a signatures", e);
        }
    }

    @Override
    public void authorize(HttpRequest http, String url, List<Map.Entry<String, String>> query, AccessToken token) {
        String nonceText = noncePrefix + HexFormat.of().toHexDigits(nonceCounter.incrementAndGet());
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        List<String[]> oauth = List.of(
                new String[] { "oauth_consumer_key", consumerKey },
                new String[] { "oauth_nonce", nonceText },
                new String[] { "oauth_signature_method", METHOD },
                new String[] { "oauth_timestamp", timestamp },
                new String[] { "oauth_token", token.value() },
                new String[] { "oauth_version", "1.0" });
        String signature = sign(http.getMethod(), url, query, oauth);
        StringBuilder header = new StringBuilder("OAuth ");
        for (String[] p : oauth) {
            header.append(p[0]).append("=\"").append(PathTemplate.encode(p[1])).append("\", ");
        }
        header.append("oauth_signature=\"").append(PathTemplate.encode(signature)).append('"');
        http.setHeader("Authorization", header.toString());
    }

    /** The Base64 HMAC-SHA256 of the signature base string. */
    String sign(String method, String url, List<Map.Entry<String, String>> query, List<String[]> oauth) {
        List<String[]> pairs = new ArrayList<>();
        for (String[] p : oauth) {
            pairs.add(new String[] { PathTemplate.encode(p[0]), PathTemplate.encode(p[1]) });
        }
        for (Map.Entry<String, String> q : query) {
            pairs.add(new String[] { PathTemplate.encode(q.getKey()), PathTemplate.encode(q.getValue()) });
        }
        // by encoded name, then encoded value (RFC 5849, 3.4.1.3.2); encoded text is ASCII, so String order is byte order
        pairs.sort(Comparator.comparing((String[] p) -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] p : pairs) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        String base = method.toUpperCase(Locale.ROOT) + "&" + PathTemplate.encode(baseUri(url)) + "&"
                      + PathTemplate.encode(normalized.toString());
        // doFinal resets the Mac for the thread's next signature
        return Base64.getEncoder().encodeToString(macs.get().doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 5849, 3.4.1.2: scheme and host in lower case, the port only when not the scheme's default, the raw path. */
    String baseUri(String url) {
        int authority = url.indexOf("://") + 3;
        int pathStart = url.indexOf('/', authority);
        String origin = pathStart < 0 ? url : url.substring(0, pathStart);
        String path = pathStart < 0 ? "/" : url.substring(pathStart);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] seen = lastOrigin;
        if (!origin.equals(seen[0])) {
            seen = new String[] { origin, normalizedOrigin(url) };
            lastOrigin = seen;
        }
        return seen[1] + path;
    }

    /** Scheme and host in lower case, the port only when it is not the scheme's default. */
    private static String normalizedOrigin(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String adviceOn401(String commerceMessage) {
        return AccsOAuthException.advice(AccsOAuthException.problem(commerceMessage));
    }

    @Override
    public String toString() {
        // the consumer key identifies the integration; shown masked like a client id
        return "OAuth1Signer[" + Masking.clientId(consumerKey) + ", " + METHOD + "]";
    }
}
