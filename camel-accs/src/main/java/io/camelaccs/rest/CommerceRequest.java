package io.camelaccs.rest;

import java.util.List;
import java.util.Map;

/**
 * One Commerce REST call, ready to send and to replay: method, encoded path, query parameters in order, the body as
 * bytes (so a 401 replay sends the same bytes), the store scope and the caller's own HTTP headers.
 *
 * @param method    upper-case HTTP method
 * @param path      the path with parameters filled and encoded
 * @param query     query parameters (names and values unencoded)
 * @param body      JSON bytes, or null for no body
 * @param storeCode the store scope (the {@code Store} header on ACCS, the path's first segment on PaaS), or null
 * @param headers   further HTTP headers, in order (a name may repeat); never those {@link CommerceClient} sets
 * @param platformName how error messages name the platform ({@code Adobe Commerce PaaS}); null for ACCS
 */
public record CommerceRequest(String method, String path, List<Map.Entry<String, String>> query, byte[] body,
        String storeCode, List<Map.Entry<String, String>> headers, String platformName) {

    public CommerceRequest {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A request for ACCS, or for a platform its error messages need not name. */
    public CommerceRequest(String method, String path, List<Map.Entry<String, String>> query, byte[] body,
                           String storeCode, List<Map.Entry<String, String>> headers) {
        this(method, path, query, body, storeCode, headers, null);
    }

    /** A request with no headers of its own. */
    public CommerceRequest(String method, String path, List<Map.Entry<String, String>> query, byte[] body,
                           String storeCode) {
        this(method, path, query, body, storeCode, List.of());
    }

    /** The encoded query string with its {@code ?}, or an empty string when there is no query. */
    public String queryString() {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder().append('?');
        boolean first = true;
        for (Map.Entry<String, String> e : query) {
            if (!first) {
                sb.append('&');
            }
            first = false;
            sb.append(PathTemplate.encode(e.getKey())).append('=').append(PathTemplate.encode(e.getValue()));
        }
        return sb.toString();
    }

    /** The same request with other query parameters (another page of a search). */
    public CommerceRequest withQuery(List<Map.Entry<String, String>> otherQuery) {
        return new CommerceRequest(method, path, List.copyOf(otherQuery), body, storeCode, headers, platformName);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
