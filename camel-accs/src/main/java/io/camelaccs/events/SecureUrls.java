package io.camelaccs.events;

import java.net.URI;
import java.util.Locale;

/**
 * Which URLs the consumers talk to: https only, so that a token, a client id or a signing key never crosses the
 * network in clear, with plain http allowed to a loopback host (a simulator or WireMock in tests). Hosts are judged
 * as written; no name is resolved.
 */
final class SecureUrls {

    private SecureUrls() {
    }

    /** {@code localhost}, an IPv4 address in 127.0.0.0/8 or {@code ::1}, as written in a URL. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
               || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Whether the scheme is https, or http to a loopback host. */
    static boolean isAllowed(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return false;
        }
        return "https".equalsIgnoreCase(uri.getScheme())
               || "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost());
    }

    /**
     * The URL an option gives, checked at endpoint creation: an absolute https URL with a host (http to a loopback host
     * only), without user info.
     *
     * @throws IllegalArgumentException naming the option, what was given and what is accepted
     */
    static URI require(String option, String value, String example) {
        URI uri;
        try {
            uri = value == null ? null : URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Invalid value for option " + option + ": '" + value
                                               + "'. Expected an https URL such as " + example);
        }
        if (!isAllowed(uri)) {
            throw new IllegalArgumentException("Option " + option + " must be an https URL (plain http is accepted only"
                                               + " to a loopback host, for tests), got '" + value + "'. Expected an"
                                               + " https URL such as " + example);
        }
        return uri;
    }
}
