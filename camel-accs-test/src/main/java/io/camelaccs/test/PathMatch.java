package io.camelaccs.test;

import java.util.Locale;

/** The "method and path prefix" test that request counts and targeted faults share. */
final class PathMatch {

    private PathMatch() {
    }

    /**
     * @param method      null or {@code *} for any method, else compared ignoring case
     * @param pathPrefix  null for any path; matched against the raw (percent-encoded) and the decoded path, so that
     *                    both {@code /V1/products/24%20MB} and {@code /V1/products/24 MB} find the same request
     */
    static boolean matches(String method, String pathPrefix, String actualMethod, String rawPath, String decodedPath) {
        if (method != null && !method.equals("*") && !method.toUpperCase(Locale.ROOT).equals(actualMethod)) {
            return false;
        }
        return pathPrefix == null || rawPath.startsWith(pathPrefix) || decodedPath.startsWith(pathPrefix);
    }
}
