package io.camelaccs.platform;

import io.camelaccs.rest.BulkPaths;
import io.camelaccs.rest.CommercePlatform;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.OperationCatalog;
import io.camelaccs.rest.PathTemplate;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Adobe Commerce PaaS and Magento Open Source: the base URL is the shop's REST root ({@code https://shop/rest}), the
 * store code is the first path segment ({@code default} unless set; {@code all} for the global scope), and the
 * asynchronous and bulk prefixes come before {@code V1} ({@code /async/V1/...}, {@code /async/bulk/V1/...}).
 */
final class PaasPlatform implements CommercePlatform {

    static final PaasPlatform INSTANCE = new PaasPlatform();
    /** The store code a request without one is sent for, as Commerce's own clients do. */
    static final String DEFAULT_STORE = "default";

    private PaasPlatform() {
    }

    @Override
    public String displayName() {
        return "Adobe Commerce PaaS";
    }

    @Override
    public OperationCatalog catalog() {
        return OperationCatalog.paas();
    }

    @Override
    public String asyncTemplate(String template) {
        // the ACCS form /V1/async/x tells where V1 ends; PaaS puts the prefix first
        return "/async" + BulkPaths.async(template).replaceFirst("^/V1/async/", "/V1/");
    }

    @Override
    public String bulkTemplate(String template) {
        return "/async/bulk" + BulkPaths.bulk(template).replaceFirst("^/V1/async/bulk/", "/V1/");
    }

    @Override
    public String path(CommerceRequest request) {
        String store = request.storeCode() == null || request.storeCode().isBlank() ? DEFAULT_STORE
                : request.storeCode();
        return "/" + PathTemplate.encode(store) + request.path();
    }

    @Override
    public String idleQueueAdvice() {
        return "no queue consumer is processing it: on Adobe Commerce PaaS and Magento Open Source, asynchronous and"
               + " bulk operations run only when a message-queue consumer runs (cron with"
               + " consumers_runner enabled, or bin/magento queue:consumers:start async.operations.all);"
               + " start one, then wait again with the bulk's UUID or raise completionTimeout";
    }

    @Override
    public void scope(HttpRequest http, CommerceRequest request) {
        // the store code is in the path
    }

    @Override
    public String toString() {
        return "platform PAAS";
    }
}
