package io.camelaccs.example;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.test.CommerceWebhooks;
import io.camelaccs.webhook.WebhookOperations;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Job 5, Commerce webhooks: two {@code accs-webhook:} routes Commerce calls during its own operations and waits for,
 * each subscribing its own hook when it starts ({@code subscribe=true}, with the accs component's credentials):
 * <ul>
 * <li>{@value #NAME_CHECK}: refuses a product save whose name holds one of {@code example.forbidden-words}
 * (application.properties), with a message the admin sees;</li>
 * <li>{@value #EXPRESS_RATE}: adds a shipping rate to the cart's rates, asked of a rate service over HTTP.</li>
 * </ul>
 * The rate service ({@value #RATE_SERVICE}) stands in for a carrier's API: a route of its own on the same HTTP server,
 * so that the example needs nothing outside the JVM, but the hook reaches it over HTTP as it would the real one.
 * The routes start when job 5 starts them: the catalog churn of job 4 saves products too, and should not be checked.
 */
final class CommerceHookRoutes extends RouteBuilder {

    static final String NAME_CHECK = "product-name-check";
    static final String EXPRESS_RATE = "express-rate";
    static final String RATE_SERVICE = "rate-service";
    /** What the rate service answers: a carrier of its own, priced by the destination country. */
    static final String CARRIER = "camelexpress";
    static final BigDecimal DOMESTIC = new BigDecimal("9.50");
    static final BigDecimal ABROAD = new BigDecimal("24.00");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        List<String> forbidden = Arrays.stream(getContext().resolvePropertyPlaceholders("{{example.forbidden-words}}")
                .split(",")).map(w -> w.trim().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty()).toList();

        from("accs-webhook:/hooks/product-name?publicKey={{example.webhook-key}}&subscribe=true"
             + "&webhookMethod=" + CommerceWebhooks.PRODUCT_SAVE_AFTER + "&webhookType=before&batchName=example"
             + "&hookName=forbidden_words&externalUrl={{example.hooks-url}}/hooks/product-name"
             + "&timeout=5s&replyTimeout=4s&fallbackErrorMessage=The product name could not be checked")
            .routeId(NAME_CHECK).autoStartup(false)
            .process(exchange -> {
                Map<?, ?> data = (Map<?, ?>) exchange.getMessage().getBody(Map.class).get("data");
                String name = String.valueOf(((Map<?, ?>) data.get("product")).get("name"));
                String lower = name.toLowerCase(Locale.ROOT);
                forbidden.stream().filter(lower::contains).findFirst().ifPresent(word -> exchange.getMessage()
                        .setBody(WebhookOperations.exception("The product name \"" + name + "\" contains the word \""
                                                             + word + "\", which this store does not allow")));
                // a name without such a word: the payload is left as it came, and Commerce is answered success
            });

        // an optional hook: when the rate service is slow or down, checkout goes on with Commerce's own rates
        from("accs-webhook:/hooks/shipping-rates?publicKey={{example.webhook-key}}&subscribe=true"
             + "&webhookMethod=" + CommerceWebhooks.SHIPPING_ESTIMATE + "&webhookType=after&batchName=example"
             + "&hookName=express_rate&externalUrl={{example.hooks-url}}/hooks/shipping-rates"
             + "&timeout=5s&replyTimeout=3s&required=false&fallbackOperation=SUCCESS")
            .routeId(EXPRESS_RATE).autoStartup(false)
            .setProperty("country", simple("${body[address][country_id]}"))
            // Commerce's request headers are not for the rate service
            .removeHeaders("*")
            .setBody(constant(null))
            .toD("vertx-http:{{example.hooks-url}}/rates/express?httpMethod=GET&country=${exchangeProperty.country}")
            .process(exchange -> {
                Map<?, ?> quote = JSON.readValue(exchange.getMessage().getBody(byte[].class), Map.class);
                Map<String, Object> rate = new LinkedHashMap<>();
                rate.put("carrier_code", CARRIER);
                rate.put("method_code", "express");
                rate.put("carrier_title", "Camel Express");
                rate.put("method_title", quote.get("service"));
                rate.put("amount", quote.get("amount"));
                rate.put("base_amount", quote.get("amount"));
                rate.put("available", true);
                exchange.getMessage().setBody(WebhookOperations.add("result", rate));
            });

        from("platform-http:/rates/express?httpMethodRestrict=GET").routeId(RATE_SERVICE).autoStartup(false)
            .process(exchange -> {
                String country = exchange.getMessage().getHeader("country", String.class);
                BigDecimal amount = "US".equalsIgnoreCase(country) ? DOMESTIC : ABROAD;
                exchange.getMessage().removeHeaders("*");
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("service", "Next day", "amount", amount)));
            });
    }
}
