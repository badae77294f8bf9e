package io.camelaccs.component.springboot.app;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application that uses the starter: one route, and its accs: settings only in application.properties. */
@SpringBootApplication
public class StarterTestApplication {

    @Bean
    RouteBuilder productBySku() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sku").routeId("product-by-sku").to("accs:get:/V1/products/{sku}");
            }
        };
    }
}
