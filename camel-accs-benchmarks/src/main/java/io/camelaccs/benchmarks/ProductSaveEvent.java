package io.camelaccs.benchmarks;

import java.util.UUID;

/**
 * A Commerce {@code catalog_product_save_commit_after} event as Adobe I/O Events carries it (a CloudEvent whose
 * {@code data.value} is the saved product's fields, as EVENTS-FACTS.md shows), synthesised from a number: about 1.5 KB
 * of JSON. The journal server writes these into its pages, the webhook senders sign and post them one by one.
 */
final class ProductSaveEvent {

    static final String TYPE = "com.adobe.commerce.observer.catalog_product_save_commit_after";
    static final String CLIENT_ID = "bench-client";
    private static final String PROVIDER = "urn:uuid:7a5c0f4e-2b1d-4c8e-9f3a-1d2e3f4a5b6c";
    /** Pads the product to a realistic size, as a real description does. */
    private static final String DESCRIPTION = ("<p>The bench product is a durable everyday item made of recycled"
                                               + " materials, tested for comfort and weather. Machine washable, with"
                                               + " adjustable straps and a padded back panel.</p>").repeat(3);

    private ProductSaveEvent() {
    }

    /** The event id of product save {@code i} of the run {@code salt}: unique per run, as Adobe's UUIDs are. */
    static String eventId(long salt, long i) {
        return new UUID(salt, i).toString();
    }

    /**
     * Appends the event to {@code sb}.
     *
     * @param salt a number of the run (or the journal), so that the event ids of two runs never meet
     * @param i    the product (and event) number
     * @param time the CloudEvent time, RFC 3339
     */
    static void append(StringBuilder sb, long salt, long i, String time) {
        String id = eventId(salt, i);
        String sku = String.format("BENCH-%08d", i);
        sb.append("{\"specversion\":\"1.0\",\"id\":\"").append(new UUID(~salt, i)).append("\",\"source\":\"")
                .append(PROVIDER).append("\",\"type\":\"").append(TYPE)
                .append("\",\"datacontenttype\":\"application/json\",\"time\":\"").append(time)
                .append("\",\"event_id\":\"").append(id).append("\",\"recipient_client_id\":\"").append(CLIENT_ID)
                .append("\",\"data\":{\"key\":\"").append(new UUID(salt ^ 0x5DEECE66DL, i)).append("\",\"value\":{")
                .append("\"entity_id\":\"").append(i).append("\",\"sku\":\"").append(sku)
                .append("\",\"name\":\"Bench product ").append(i).append("\",\"attribute_set_id\":\"4\",\"type_id\":")
                .append("\"simple\",\"price\":\"").append(10 + i % 90).append('.').append(i % 100 < 10 ? "0" : "")
                .append(i % 100).append("\",\"status\":\"1\",\"visibility\":\"4\",\"weight\":\"").append(1 + i % 7)
                .append("\",\"store_id\":\"0\",\"created_at\":\"2025-06-01 08:00:00\",\"updated_at\":\"")
                .append(time, 0, 10).append(' ').append(time, 11, 19).append("\",\"url_key\":\"bench-product-")
                .append(i).append("\",\"meta_title\":\"Bench product ").append(i)
                .append("\",\"meta_keyword\":\"bench,product,").append(sku).append("\",\"short_description\":")
                .append("\"Bench product ").append(i).append(", everyday and durable.\",\"description\":\"")
                .append(DESCRIPTION).append("\",\"color\":\"").append(49 + i % 12).append("\",\"size\":\"")
                .append(167 + i % 6).append("\",\"tax_class_id\":\"2\",\"website_ids\":[\"1\"],\"category_ids\":[\"")
                .append(3 + i % 40).append("\"],\"quantity_and_stock_status\":{\"is_in_stock\":").append(i % 11 != 0)
                .append(",\"qty\":").append(i % 500).append("}},\"source\":\"bench.production\",\"_metadata\":{")
                .append("\"commerceEdition\":\"Adobe Commerce as a Cloud Service\",\"commerceVersion\":\"2.4.8\",")
                .append("\"eventsClientVersion\":\"1.12.1\",\"storeId\":\"1\",\"websiteId\":\"1\",")
                .append("\"storeGroupId\":\"1\"}}}");
    }

    /** The size of one event, for the report. */
    static int sampleSize() {
        StringBuilder sb = new StringBuilder();
        append(sb, 1, 1, "2026-01-01T00:00:00.000Z");
        return sb.length();
    }
}
