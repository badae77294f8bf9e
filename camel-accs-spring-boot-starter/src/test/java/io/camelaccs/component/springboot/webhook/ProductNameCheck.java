package io.camelaccs.component.springboot.webhook;

import java.util.Map;

import io.camelaccs.webhook.WebhookOperations;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

// docs/webhooks.md, "Spring Boot": the RouteBuilder bean, as the page shows it
@Component
public class ProductNameCheck extends RouteBuilder {

    @Override
    public void configure() {
        from("accs-webhook:/hooks/product-save?hookName=validate_name")
            .process(exchange -> {
                Map<?, ?> data = exchange.getMessage().getBody(Map.class);
                Map<?, ?> product = (Map<?, ?>) ((Map<?, ?>) data.get("data")).get("product");
                if (String.valueOf(product.get("name")).toLowerCase().contains("free")) {
                    exchange.getMessage().setBody(WebhookOperations.exception("Product names may not contain 'free'"));
                }
            });
    }
}
