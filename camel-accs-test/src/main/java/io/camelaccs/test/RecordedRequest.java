package io.camelaccs.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator received, for assertions: the {@code Store} header a route sent, the body of a bulk
 * request, the query of a search.
 * <p>
 * {@link #toString()} shows method, path and query only: headers and bodies carry tokens and secrets.
 *
 * @param time        when it arrived (simulator clock)
 * @param method      upper-case HTTP method
 * @param path        the raw (percent-encoded) path; relative to the tenant for Commerce ({@code /V1/products}),
 *                    as sent for IMS ({@code /ims/token/v3})
 * @param decodedPath the path with each segment percent-decoded ({@code /V1/products/24 MB/01})
 * @param query       the raw query string, or null
 * @param headers     the headers; names compare ignoring case
 * @param body        the body as UTF-8 text, empty when there was none
 */
public record RecordedRequest(Instant time, String method, String path, String decodedPath, String query,
                              Map<String, List<String>> headers, String body) {

    /** The first value of a header (name ignoring case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The {@code Store} header, or null. */
    public String storeCode() {
        return header("Store");
    }

    /** The decoded query parameters. */
    public Map<String, List<String>> queryParameters() {
        return UrlCodec.decodeForm(query);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
