package io.camelaccs.component.springboot.docs.boot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

// docs/spring-boot.md, the first route, as the page writes it
@Component
public class ProductRoutes extends RouteBuilder {
    @Override
    public void configure() {
        from("direct:price")
            .to("accs:get:/V1/products/{sku}")
            .log("${body[sku]} costs ${body[price]}");
    }
}
