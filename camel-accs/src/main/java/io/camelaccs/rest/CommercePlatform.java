package io.camelaccs.rest;

import org.apache.hc.core5.http.HttpRequest;

/**
 * What differs between the Commerce platforms for one request, chosen once per endpoint (option {@code platform}):
 * where the synchronous, asynchronous and bulk forms of an operation live, how the store scope travels, and which
 * operations exist. Everything else in the pipeline (retries, replays, paging, the consumer) is the same on each.
 * How a request is authenticated is the other half of the strategy: {@link RequestAuthorizer}.
 */
public interface CommercePlatform {

    /** The platform's name in messages, such as {@code ACCS}. */
    String displayName();

    /** The operations this platform's schema declares. */
    OperationCatalog catalog();

    /** The asynchronous form of a schema path, such as {@code /V1/async/products/{sku}} on ACCS. */
    String asyncTemplate(String template);

    /** The bulk form of a schema path, such as {@code /V1/async/bulk/products/bySku} on ACCS. */
    String bulkTemplate(String template);

    /** The path of a bulk's status, {@code /V1/bulk/<uuid>/status}. */
    default String bulkStatusPath(String bulkUuid) {
        return "/V1/bulk/" + PathTemplate.encode(bulkUuid) + "/status";
    }

    /**
     * The request's path below the configured base URL, without its query: the path itself on ACCS, the store code
     * and the path on PaaS ({@code /default/V1/products}).
     */
    String path(CommerceRequest request);

    /**
     * Why a bulk whose operations all stayed open until the wait ended may be stuck, and what to do; null when the
     * platform gives no hint.
     */
    default String idleQueueAdvice() {
        return null;
    }

    /** Sets the headers that carry the request's scope ({@code Store} on ACCS; none on PaaS, where it is the path). */
    void scope(HttpRequest http, CommerceRequest request);
}
