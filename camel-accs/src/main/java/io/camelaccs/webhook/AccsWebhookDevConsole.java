package io.camelaccs.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * The {@code accs-webhook} dev console: per consumer, its path and how it answered Commerce (the route's answers,
 * refusals, fallbacks, late answers) and the requests it refused. Never a request's content or a token.
 */
@DevConsole(name = "accs-webhook", displayName = "ACCS webhooks",
            description = "Adobe Commerce webhooks: how each accs-webhook consumer answered")
public class AccsWebhookDevConsole extends AbstractDevConsole {

    public AccsWebhookDevConsole() {
        super("camel", "accs-webhook", "ACCS webhooks", "Adobe Commerce webhooks: how each accs-webhook consumer answered");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<Map<String, Object>> consumers = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component c = getCamelContext().hasComponent(name);
            if (c instanceof AccsWebhookComponent webhooks) {
                for (AccsWebhookConsumer consumer : webhooks.consumers()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("component", name);
                    d.putAll(AccsWebhookHealthCheck.describe(consumer));
                    consumers.add(d);
                }
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("consumers", consumers);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) doCallJson(options).get("consumers");
        for (Map<String, Object> c : consumers) {
            sb.append("Consumer ").append(c.get("component")).append(' ').append(c.get("path"));
            sb.append(" (route ").append(c.get("routeId")).append(")\n");
            c.forEach((k, v) -> {
                if (v != null && !"component".equals(k) && !"path".equals(k) && !"routeId".equals(k)) {
                    sb.append("    ").append(k).append(": ").append(v).append('\n');
                }
            });
        }
        return sb.toString();
    }
}
