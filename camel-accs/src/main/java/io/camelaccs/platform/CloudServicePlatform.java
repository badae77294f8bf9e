package io.camelaccs.platform;

import io.camelaccs.rest.BulkPaths;
import io.camelaccs.rest.CommercePlatform;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.OperationCatalog;
import org.apache.hc.core5.http.HttpRequest;

/** ACCS: the tenant's base URL and the schema path, {@code async} after {@code V1}, the store in a header. */
final class CloudServicePlatform implements CommercePlatform {

    static final CloudServicePlatform INSTANCE = new CloudServicePlatform();

    private CloudServicePlatform() {
    }

    @Override
    public String displayName() {
        return "ACCS";
    }

    @Override
    public OperationCatalog catalog() {
        return OperationCatalog.bundled();
    }

    @Override
    public String asyncTemplate(String template) {
        return BulkPaths.async(template);
    }

    @Override
    public String bulkTemplate(String template) {
        return BulkPaths.bulk(template);
    }

    @Override
    public String path(CommerceRequest request) {
        return request.path();
    }

    @Override
    public void scope(HttpRequest http, CommerceRequest request) {
        if (request.storeCode() != null) {
            http.setHeader("Store", request.storeCode());
        }
    }

    @Override
    public String toString() {
        return "platform CLOUD_SERVICE";
    }
}
