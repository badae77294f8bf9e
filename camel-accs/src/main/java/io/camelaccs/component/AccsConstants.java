package io.camelaccs.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers the {@code accs:} component reads and writes.
 */
public final class AccsConstants {

    @Metadata(label = "producer", description = "The store scope of this exchange, sent as the `Store` header;"
                                                + " overrides option storeCode.",
              javaType = "String")
    public static final String STORE_CODE = "CamelAccsStoreCode";

    @Metadata(label = "producer", description = "With authenticationType ACCESS_TOKEN: the access token for this"
                                                + " exchange; overrides option accessToken. The call consumes it: it"
                                                + " is removed from the message, also when the call fails, and never"
                                                + " logged.",
              javaType = "String", secret = true)
    public static final String ACCESS_TOKEN = "CamelAccsAccessToken";

    @Metadata(label = "producer", description = "An io.camelaccs.rest.SearchCriteria for a search operation;"
                                                + " overrides options filter, sortOrders, pageSize and currentPage.",
              javaType = "io.camelaccs.rest.SearchCriteria")
    public static final String SEARCH_CRITERIA = "CamelAccsSearchCriteria";

    @Metadata(label = "producer", description = "The HTTP status Commerce answered with.", javaType = "int")
    public static final String RESPONSE_CODE = "CamelAccsResponseCode";

    @Metadata(label = "producer", description = "Adobe's request id of the response (`x-debug-id`, else `x-request-id`),"
                                                + " to quote to Adobe support.",
              javaType = "String")
    public static final String DEBUG_ID = "CamelAccsDebugId";

    @Metadata(label = "producer", description = "The `total_count` of a search response.", javaType = "Long")
    public static final String TOTAL_COUNT = "CamelAccsTotalCount";

    @Metadata(label = "producer", description = "The `bulk_uuid` of an asynchronous or bulk request.",
              javaType = "String")
    public static final String BULK_UUID = "CamelAccsBulkUuid";

    private AccsConstants() {
    }
}
