package io.camelaccs.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The subscription an {@code accs-webhook:} endpoint with {@code subscribe=true} asks Commerce for: its
 * {@code webhook} object, built and checked from the options once, so that a mistake stops the route at start-up
 * with the option named rather than being refused by Commerce.
 */
final class HookSubscription {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<String, Object> webhook = new LinkedHashMap<>();

    HookSubscription(AccsWebhookConfiguration conf, String path) {
        String where = "accs-webhook:" + path + " with subscribe=true";
        String method = conf.getWebhookMethod();
        if (method == null || !(method.startsWith("observer.") || method.startsWith("plugin."))) {
            throw new IllegalArgumentException("Option webhookMethod is required by " + where + ": observer.<event> or"
                                               + " plugin.<...>, such as observer.catalog_product_save_after; got "
                                               + method);
        }
        if (!"before".equals(conf.getWebhookType()) && !"after".equals(conf.getWebhookType())) {
            throw new IllegalArgumentException("Option webhookType of " + where + " must be before or after, got "
                                               + conf.getWebhookType());
        }
        name(where, "hookName", conf.getHookName());
        name(where, "batchName", conf.getBatchName());
        checkUrl(where, conf.getExternalUrl());
        if (conf.getTimeout() < 0 || conf.getSoftTimeout() < 0) {
            throw new IllegalArgumentException("Options timeout and softTimeout of " + where + " must be 0 (none) or a"
                                               + " positive duration, such as 5000 (milliseconds) or 5s");
        }
        if (conf.getTimeout() > 0 && conf.getReplyTimeout() >= conf.getTimeout()) {
            throw new IllegalArgumentException("Option replyTimeout (" + conf.getReplyTimeout() + " ms) of " + where
                                               + " must be shorter than option timeout (" + conf.getTimeout()
                                               + " ms), or Commerce gives up before the route's fallback is answered");
        }
        webhook.put("webhook_method", method);
        webhook.put("webhook_type", conf.getWebhookType());
        webhook.put("batch_name", conf.getBatchName());
        webhook.put("hook_name", conf.getHookName());
        webhook.put("url", conf.getExternalUrl());
        webhook.put("timeout", conf.getTimeout());
        webhook.put("soft_timeout", conf.getSoftTimeout());
        webhook.put("required", conf.isRequired());
        webhook.put("fallback_error_message", conf.getFallbackErrorMessage() != null
                ? conf.getFallbackErrorMessage() : conf.getFallbackMessage());
        webhook.put("fields", fields(where, conf.getFields()));
        webhook.put("rules", rules(where, conf.getRules()));
    }

    /** The {@code webhook} object of {@code POST /V1/webhooks/subscribe}. */
    Map<String, Object> webhook() {
        return webhook;
    }

    /** The {@code webhook} object of {@code POST /V1/webhooks/unsubscribe}, for this hook with another type. */
    Map<String, Object> key(Object webhookType) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("webhook_method", webhook.get("webhook_method"));
        key.put("webhook_type", webhookType);
        key.put("batch_name", webhook.get("batch_name"));
        key.put("hook_name", webhook.get("hook_name"));
        return key;
    }

    String method() {
        return (String) webhook.get("webhook_method");
    }

    /** Whether a {@code GET /V1/webhooks/list} entry is this hook, whatever its type and settings. */
    boolean isThisHook(Map<?, ?> entry) {
        return Objects.equals(String.valueOf(entry.get("webhook_method")), webhook.get("webhook_method"))
               && Objects.equals(String.valueOf(entry.get("batch_name")), webhook.get("batch_name"))
               && Objects.equals(String.valueOf(entry.get("hook_name")), webhook.get("hook_name"));
    }

    /**
     * Whether a list entry has every value this endpoint sets (numbers and booleans compared as text: Commerce may
     * list "5000" for 5000); the fields it does not set (headers, priority...) are Commerce's.
     */
    boolean isSetAs(Map<?, ?> entry) {
        for (Map.Entry<String, Object> field : webhook.entrySet()) {
            if (!same(field.getValue(), entry.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Object mine, Object theirs) {
        if (mine instanceof List<?> list) {
            if (!(theirs instanceof List<?> other) || other.size() != list.size()) {
                return theirs == null && list.isEmpty();
            }
            for (int i = 0; i < list.size(); i++) {
                if (!same(list.get(i), other.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (mine instanceof Map<?, ?> map) {
            if (!(theirs instanceof Map<?, ?> other)) {
                return false;
            }
            return map.entrySet().stream().allMatch(e -> same(e.getValue(), other.get(e.getKey())));
        }
        if (mine instanceof String text && text.isEmpty()) {
            return theirs == null || theirs.toString().isEmpty();
        }
        return theirs != null && String.valueOf(mine).equals(String.valueOf(theirs));
    }

    private static void name(String where, String option, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("Option " + option + " is required by " + where + ": English letters,"
                                               + " digits and _ only, such as validate_name; got " + value);
        }
    }

    private static void checkUrl(String where, String url) {
        String expected = "Option externalUrl is required by " + where + ": the URL Commerce calls to reach this route,"
                          + " https (http only for a loopback host), such as https://integration.example.com"
                          + "/hooks/product-save; got " + url;
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (Exception e) {
            throw new IllegalArgumentException(expected);
        }
        if (uri == null || uri.getHost() == null) {
            throw new IllegalArgumentException(expected);
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(expected);
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name is not resolved here: only an address literal is known to be loopback
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<Map<String, Object>> fields(String where, String spec) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return list;
        }
        for (String item : spec.split(",")) {
            String[] parts = item.trim().split(":", 2);
            if (parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                throw new IllegalArgumentException("Option fields of " + where + " must be comma-separated name or"
                                                   + " name:source, such as product.name:data.product.name; got "
                                                   + spec);
            }
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", parts[0].trim());
            if (parts.length == 2) {
                field.put("source", parts[1].trim());
            }
            list.add(field);
        }
        return list;
    }

    private static List<Map<String, Object>> rules(String where, String spec) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return list;
        }
        for (String item : spec.split(";")) {
            String[] parts = item.trim().split(":", 3);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("Option rules of " + where + " must be semicolon-separated"
                                                   + " field:operator:value, such as data.product.price:greaterThan:100;"
                                                   + " got " + spec);
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("field", parts[0].trim());
            rule.put("operator", parts[1].trim());
            rule.put("value", parts.length == 3 ? parts[2] : "");
            list.add(rule);
        }
        return list;
    }
}
