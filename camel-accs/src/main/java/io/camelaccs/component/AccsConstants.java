package io.camelaccs.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers and exchange properties the {@code accs:} component reads and writes. Each description starts with
 * its direction: read by the producer (set it before the call), written by the producer (read it after the call), or
 * written by the consumer.
 */
public final class AccsConstants {

    @Metadata(label = "producer", description = "Read by the producer. The store scope of this exchange, sent as the"
                                                + " `Store` header; overrides option storeCode.",
              javaType = "String")
    public static final String STORE_CODE = "CamelAccsStoreCode";

    @Metadata(label = "producer", description = "Read and removed by the producer. With authenticationType"
                                                + " ACCESS_TOKEN: the access token for this exchange; overrides option"
                                                + " accessToken. The call consumes it: it is removed from the message,"
                                                + " also when the call fails, and never logged.",
              javaType = "String", secret = true)
    public static final String ACCESS_TOKEN = "CamelAccsAccessToken";

    @Metadata(label = "producer", description = "Read by the producer. An io.camelaccs.rest.SearchCriteria for a search"
                                                + " operation; overrides options filter, sortOrders, pageSize and"
                                                + " currentPage.",
              javaType = "io.camelaccs.rest.SearchCriteria")
    public static final String SEARCH_CRITERIA = "CamelAccsSearchCriteria";

    @Metadata(label = "producer", description = "Written by the producer. The HTTP status Commerce answered with"
                                                + " (`CamelHttpResponseCode` is set too).",
              javaType = "int")
    public static final String RESPONSE_CODE = "CamelAccsResponseCode";

    @Metadata(label = "producer", description = "Written by the producer. Adobe's request id of the response"
                                                + " (`x-debug-id`, else `x-request-id`), to quote to Adobe support.",
              javaType = "String")
    public static final String DEBUG_ID = "CamelAccsDebugId";

    @Metadata(label = "producer", description = "Written by the producer. The `total_count` of a search response.",
              javaType = "Long")
    public static final String TOTAL_COUNT = "CamelAccsTotalCount";

    @Metadata(label = "producer", description = "Written by the producer. The `bulk_uuid` of an asynchronous or bulk"
                                                + " request.",
              javaType = "String")
    public static final String BULK_UUID = "CamelAccsBulkUuid";

    @Metadata(label = "consumer", description = "Written by the consumer, as an exchange property (not a header). The"
                                                + " watermark (incremental field value and id) of the item or page the"
                                                + " exchange carries; the consumer commits it when the exchange"
                                                + " completes (`${exchangeProperty.CamelAccsWatermark}`).",
              javaType = "String")
    public static final String WATERMARK = "CamelAccsWatermark";

    @Metadata(label = "producer", description = "Written by the producer, as an exchange property (internal; do not"
                                                + " set it). Keeps the caller's CamelAccsAccessToken for a redelivery of"
                                                + " the same exchange; shows no secret when printed, and is removed once"
                                                + " the call succeeds.",
              javaType = "io.camelaccs.ims.TokenProvider")
    public static final String CALLER_TOKEN = "CamelAccsCallerToken";

    private AccsConstants() {
    }
}
