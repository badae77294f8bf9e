package io.camelaccs.component.springboot.dsl;

import io.camelaccs.dsl.endpoint.AccsEndpointBuilderFactory.AccsBuilders;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** docs/spring-boot.md, "The Endpoint DSL": the class as the page shows it (EndpointDslDocTest compares them). */
@Component
public class CatalogRoutes extends EndpointRouteBuilder implements AccsBuilders {
    @Override
    public void configure() {
        from(direct("price"))
            .to(accs("get:/V1/products/{sku}").storeCode("default"))
            .log("${body[sku]} costs ${body[price]}");

        from(direct("bags"))
            .to(accs("get:/V1/products").fetchAll(true).pageSize(200).filter("RAW(sku like '24-MB%')"))
            .split(body()).streaming()
                .log("${body[sku]}");
    }
}
