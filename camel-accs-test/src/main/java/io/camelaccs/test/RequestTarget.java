package io.camelaccs.test;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a request goes: its raw path and query, and, for a Commerce request ({@code /<tenant>/...}), the path after
 * the tenant as raw text and as decoded segments. Decoding happens per segment, after splitting, so an encoded slash
 * in a SKU ({@code 24%20MB%2F01}) stays inside its segment.
 *
 * @param prefix      the tenant path for a Commerce request, else empty
 * @param fullRawPath the path as sent
 * @param rawQuery    the query as sent, or null
 * @param isCommerce  whether the path is under the tenant
 * @param rawPath     the path after the tenant (for Commerce), else the full path
 * @param segments    the decoded segments of {@code rawPath}
 */
record RequestTarget(String prefix, String fullRawPath, String rawQuery, boolean isCommerce, String rawPath,
                     List<String> segments) {

    static RequestTarget of(String url, String tenantPath) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        boolean commerce = path.startsWith(tenantPath + "/") || path.equals(tenantPath);
        String relative = commerce ? path.substring(tenantPath.length()) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(UrlCodec.decodePathSegment(segment));
            }
        }
        return new RequestTarget(commerce ? tenantPath : "", path, query, commerce, relative.isEmpty() ? "/" : relative,
                segments);
    }

    /**
     * A PaaS request ({@code /rest/<store>/...}): the prefix is {@code /rest/<store>}, so that the path after it is
     * what the schema names ({@code /V1/products}, {@code /async/bulk/V1/products/bySku}). As in Magento's
     * {@code Webapi\Controller\PathProcessor}, a path whose first segment after {@code /rest} already starts the
     * route ({@code /rest/V1/...}, {@code /rest/async/V1/...}, {@code /rest/async/bulk/V1/...}) has no store code: the
     * prefix is then {@code /rest} and the store is the default one.
     */
    static RequestTarget ofPaas(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String rest = PaasCommerceEndpoint.REST + "/";
        int storeEnd = path.startsWith(rest) ? path.indexOf('/', rest.length()) : -1;
        if (storeEnd < 0) {
            return of(url, rest);
        }
        if (startsRoute(path.substring(rest.length(), storeEnd))) {
            return of(url, PaasCommerceEndpoint.REST);
        }
        return of(url, path.substring(0, storeEnd));
    }

    /** Whether a segment is where a PaaS route begins ({@code V1}, {@code async}) rather than a store code. */
    private static boolean startsRoute(String segment) {
        return segment.equals("async") || segment.matches("V[0-9]+");
    }

    /**
     * The store code of a PaaS request (the segment after {@code /rest}), {@link PaasCommerceEndpoint#DEFAULT_STORE}
     * when the path has none, or null when it is no PaaS request.
     */
    String paasStore() {
        if (!isCommerce || !prefix.startsWith(PaasCommerceEndpoint.REST)) {
            return null;
        }
        if (prefix.equals(PaasCommerceEndpoint.REST)) {
            return PaasCommerceEndpoint.DEFAULT_STORE;
        }
        return UrlCodec.decodePathSegment(prefix.substring(PaasCommerceEndpoint.REST.length() + 1));
    }

    /** The decoded path after the tenant, as in {@code /V1/products/24 MB/01}. */
    String decodedPath() {
        return "/" + String.join("/", segments);
    }

    /** The decoded full path. */
    String fullDecodedPath() {
        return prefix + decodedPath();
    }
}
