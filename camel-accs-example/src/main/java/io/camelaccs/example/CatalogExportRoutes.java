package io.camelaccs.example;

import org.apache.camel.builder.RouteBuilder;

/**
 * Job 1, catalog export: every product changed since a date, fetched page by page and streamed to NDJSON, in
 * constant memory whatever the catalog's size.
 */
final class CatalogExportRoutes extends RouteBuilder {

    static final String START = "direct:catalog-export";
    static final String WRITER = "catalogWriter";

    @Override
    public void configure() {
        from(START).routeId("catalog-export")
                .to("accs:get:/V1/products?fetchAll=true&pageSize=200"
                    + "&filter=updated_at gteq '${exchangeProperty.since}'&sortOrders=entity_id asc")
                .setProperty("totalCount", header("CamelAccsTotalCount"))
                .split(body()).streaming()
                    .bean(WRITER, "write(${body})")
                .end();
    }
}
