package io.camelaccs.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an OAuth 1.0a signature the way a shop does, written from RFC 5849 (sections 3.4.1 to 3.4.2 and 3.6) and on
 * purpose sharing no code with the component: the tests that pass through it prove the component's signatures against
 * an independent reading of the RFC. HMAC-SHA256 and HMAC-SHA1 are verified; other methods are refused.
 */
public final class OAuth1Verifier {

    private OAuth1Verifier() {
    }

    /**
     * The parameters of an {@code Authorization: OAuth ...} header, values decoded (RFC 5849, 3.5.1); an empty map when
     * the header is not an OAuth one.
     */
    public static Map<String, String> headerParameters(String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        if (authorization == null || !authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return params;
        }
        for (String part : authorization.substring(6).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(decode(p.substring(0, eq).trim()), decode(value));
        }
        return params;
    }

    /**
     * The signature base string (RFC 5849, 3.4.1): method, base string URI and normalized parameters.
     *
     * @param method   the HTTP method
     * @param scheme   http or https
     * @param host     the Host header (host and port as the client sent them)
     * @param rawPath  the path as sent
     * @param rawQuery the query as sent, or null
     * @param oauth    the header's parameters (oauth_signature and realm are left out here)
     */
    public static String baseString(String method, String scheme, String host, String rawPath, String rawQuery,
                                    Map<String, String> oauth) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String authority = host.toLowerCase(Locale.ROOT);
        if (s.equals("http") && authority.endsWith(":80")) {
            authority = authority.substring(0, authority.length() - 3);
        } else if (s.equals("https") && authority.endsWith(":443")) {
            authority = authority.substring(0, authority.length() - 4);
        }
        String baseUri = s + "://" + authority + rawPath;
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                pairs.add(new String[] { encode(decode(name)), encode(decode(value)) });
            }
        }
        oauth.forEach((name, value) -> {
            if (!name.equals("oauth_signature") && !name.equals("realm")) {
                pairs.add(new String[] { encode(name), encode(value) });
            }
        });
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder normalized = new StringBuilder();
        for (String[] p : pairs) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalized.toString());
    }

    /** The expected signature of a base string (RFC 5849, 3.4.2), Base64. */
    public static String signature(String signatureMethod, String baseString, String consumerSecret,
                                   String tokenSecret) {
        String algorithm = switch (signatureMethod) {
            case "HMAC-SHA256" -> "HmacSHA256";
            case "HMAC-SHA1" -> "HmacSHA1";
            default -> throw new IllegalArgumentException("unsupported signature method " + signatureMethod);
        };
        byte[] key = (encode(consumerSecret) + "&" + encode(tokenSecret)).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time, as a shop should. */
    public static boolean matches(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5849, 3.6: every byte but ALPHA, DIGIT, '-', '.', '_', '~' as %XX with upper-case hex. */
    static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                                 || "-._~".indexOf(c) >= 0;
            if (unreserved) {
                sb.append(c);
            } else {
                sb.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
