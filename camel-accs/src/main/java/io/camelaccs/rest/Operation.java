package io.camelaccs.rest;

import java.util.List;

/**
 * One ACCS REST operation as the official schema declares it: structural facts only.
 *
 * @param method          upper-case HTTP method
 * @param path            the path template, such as {@code /V1/products/{sku}}
 * @param operationId     the schema's operation id
 * @param pathParameters  names of the path parameters, in order
 * @param queryParameters names of the declared query parameters other than {@code searchCriteria[...]}
 * @param search          whether the operation takes {@code searchCriteria} (a search: filter, sort, page)
 * @param body            whether the operation takes a request body
 */
public record Operation(String method, String path, String operationId, List<String> pathParameters,
        List<String> queryParameters, boolean search, boolean body) {

    /** {@code GET /V1/products/{sku}}. */
    public String describe() {
        return method + " " + path;
    }
}
