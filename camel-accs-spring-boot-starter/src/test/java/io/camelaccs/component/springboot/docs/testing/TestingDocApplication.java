package io.camelaccs.component.springboot.docs.testing;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application docs/testing-your-routes.md's Spring Boot test finds (its {@code @SpringBootTest} names no class):
 * a route reading a product by the sku header.
 */
@SpringBootApplication
public class TestingDocApplication {

    @Bean
    RouteBuilder productBySku() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sku").to("accs:get:/V1/products/{sku}");
            }
        };
    }
}
