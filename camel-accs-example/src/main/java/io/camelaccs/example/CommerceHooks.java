package io.camelaccs.example;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.camelaccs.rest.AccsApiException;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * Job 5 against the embedded simulator: starts the {@link CommerceHookRoutes} (which subscribe their hooks), then
 * does what an admin and a shopper do through Commerce's REST API, with {@code accs:} calls, and reports what
 * Commerce made of the routes' answers: a product save refused with the route's message, and the cart's shipping
 * rates with the rate the route added.
 */
final class CommerceHooks {

    /** A product name with a word of application.properties' example.forbidden-words. */
    static final String FORBIDDEN_NAME = "Free Replica Watch";
    static final String ALLOWED_NAME = "Canvas Tote Bag";

    /**
     * What job 5 saw.
     *
     * @param refusal       the message Commerce refused the forbidden save with, or null when it saved it
     * @param allowedSaved  whether the save of an allowed name went through
     * @param rates         the shipping rates Commerce returned, {@code carrier_code/method_code amount}
     * @param addedRate     the amount of the route's rate among them, or null when it is missing
     * @param hookCalls     the calls the simulator made to the routes
     */
    record Result(String refusal, boolean allowedSaved, List<String> rates, BigDecimal addedRate, long hookCalls) {
        boolean applied() {
            return refusal != null && allowedSaved && addedRate != null;
        }
    }

    private final AccsSimulator simulator;
    private final PrintStream console;

    CommerceHooks(AccsSimulator simulator, PrintStream console) {
        this.simulator = simulator;
        this.console = console;
    }

    Result run(CamelContext camel, ProducerTemplate template) throws Exception {
        // the rate service first: the shipping hook asks it as soon as Commerce calls
        camel.getRouteController().startRoute(CommerceHookRoutes.RATE_SERVICE);
        camel.getRouteController().startRoute(CommerceHookRoutes.NAME_CHECK);
        camel.getRouteController().startRoute(CommerceHookRoutes.EXPRESS_RATE);
        console.printf(Locale.ROOT, "  %d hooks subscribed by their routes: %s%n", simulator.commerceWebhooks().list().size(),
                simulator.commerceWebhooks().list().stream()
                        .map(h -> h.get("webhook_method").asText() + " -> " + h.get("url").asText())
                        .collect(Collectors.joining(", ")));

        // the admin renames a product to a name the store does not allow, then to one it does
        String sku = simulator.products().skus().get(0);
        String refusal = null;
        try {
            template.requestBody("accs:put:/V1/products/" + sku, Map.of("product", Map.of("name", FORBIDDEN_NAME)));
        } catch (CamelExecutionException e) {
            if (!(e.getCause() instanceof AccsApiException api) || api.getStatusCode() != 400) {
                throw e;
            }
            refusal = api.getCommerceMessage();
        }
        console.printf(Locale.ROOT, "  product save \"%s\": %s%n", FORBIDDEN_NAME, refusal == null
                ? "SAVED (the route did not refuse it)" : "refused by Commerce with the route's message \"" + refusal + "\"");
        Map<?, ?> saved = template.requestBody("accs:put:/V1/products/" + sku, Map.of("product", Map.of("name", ALLOWED_NAME)),
                Map.class);
        boolean allowedSaved = ALLOWED_NAME.equals(saved.get("name"));
        console.printf(Locale.ROOT, "  product save \"%s\": %s%n", ALLOWED_NAME, allowedSaved ? "saved" : "NOT saved");

        // a shopper puts two items in a cart and asks what shipping costs
        // Commerce's path for a new cart ends in a slash
        Object cartId = template.requestBody("accs:post:/V1/carts/", Map.of());
        template.requestBodyAndHeader("accs:post:/V1/carts/{cartId}/items",
                Map.of("cartItem", Map.of("sku", simulator.products().skus().get(1), "qty", 2)), "cartId", cartId);
        List<?> estimate = template.requestBodyAndHeader("accs:post:/V1/carts/{cartId}/estimate-shipping-methods",
                Map.of("address", Map.of("country_id", "US", "postcode", "10001")), "cartId", cartId, List.class);
        List<String> rates = new ArrayList<>();
        BigDecimal added = null;
        for (Object o : estimate) {
            Map<?, ?> rate = (Map<?, ?>) o;
            BigDecimal amount = new BigDecimal(String.valueOf(rate.get("amount")));
            rates.add(rate.get("carrier_code") + "/" + rate.get("method_code") + " " + amount.setScale(2));
            if (CommerceHookRoutes.CARRIER.equals(rate.get("carrier_code"))) {
                added = amount;
            }
        }
        console.printf(Locale.ROOT, "  shipping rates for cart %s (2 items to US): %s%s%n", cartId, String.join(", ", rates),
                added == null ? "; the route's rate is MISSING" : "; " + CommerceHookRoutes.CARRIER
                        + " added by the route from the rate service");
        return new Result(refusal, allowedSaved, List.copyOf(rates), added, simulator.commerceWebhooks().calls());
    }
}
