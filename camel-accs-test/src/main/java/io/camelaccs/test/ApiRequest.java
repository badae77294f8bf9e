package io.camelaccs.test;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Commerce request as the resources see it. Bulk operations replayed later build one of these too.
 *
 * @param method    upper-case HTTP method
 * @param params    the path parameters of the matched route, decoded ({@code sku -> 24 MB/01})
 * @param query     decoded query parameters
 * @param body      the parsed JSON body, or null
 * @param storeCode the {@code Store} header, or null
 */
record ApiRequest(String method, Map<String, String> params, Map<String, List<String>> query, JsonNode body,
                  String storeCode) {

    /** The first value of a query parameter, or null. */
    String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A path parameter; a bulk operation whose element lacked it fails here, as Commerce fails such an operation. */
    String param(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw CommerceException.required(name);
        }
        return value;
    }

    /** A field of the body object that must be present, such as {@code product} or {@code sourceItems}. */
    JsonNode requireBodyField(String name) {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || value.isNull()) {
            throw CommerceException.required(name);
        }
        return value;
    }
}
