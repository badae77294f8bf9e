package io.camelaccs.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the operations a route answers Commerce with: set one, or a list of them, as the route's body.
 *
 * <pre>
 * from("accs-webhook:/hooks/shipping")
 *     .setBody(exchange -&gt; WebhookOperations.replace("result/shipping_methods/flat/amount", 6));
 * </pre>
 *
 * Paths are {@code /}-separated from the payload's root arguments, as Commerce applies them.
 */
public final class WebhookOperations {

    private WebhookOperations() {
    }

    /** Commerce's operation goes on unchanged (also what a route that sets no body answers). */
    public static WebhookOperation success() {
        return of("success");
    }

    /**
     * Commerce stops its operation and shows {@code message} to the shopper or admin.
     *
     * @param message what Commerce shows; {@code null} for the subscription's fallback_error_message
     */
    public static WebhookOperation exception(String message) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "exception");
        if (message != null) {
            op.put("message", message);
        }
        return new WebhookOperation(op);
    }

    /** Adds {@code value} at {@code path}, such as a new shipping method under {@code result}. */
    public static WebhookOperation add(String path, Object value) {
        return withValue("add", path, value, null);
    }

    /** Adds a {@code instance} (a Commerce DataObject class) built from {@code value} at {@code path}. */
    public static WebhookOperation add(String path, Object value, String instance) {
        return withValue("add", path, value, requireText("instance", instance));
    }

    /** Replaces the value at {@code path}, such as {@code result/shipping_methods/flat/amount}. */
    public static WebhookOperation replace(String path, Object value) {
        return withValue("replace", path, value, null);
    }

    /** Replaces the value at {@code path} with a {@code instance} (a Commerce DataObject class) built from value. */
    public static WebhookOperation replace(String path, Object value, String instance) {
        return withValue("replace", path, value, requireText("instance", instance));
    }

    /** Removes the value or node at {@code path}. */
    public static WebhookOperation remove(String path) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", "remove");
        op.put("path", requireText("path", path));
        return new WebhookOperation(op);
    }

    private static WebhookOperation of(String name) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", name);
        return new WebhookOperation(op);
    }

    private static WebhookOperation withValue(String name, String path, Object value, String instance) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", name);
        op.put("path", requireText("path", path));
        op.put("value", value);
        if (instance != null) {
            op.put("instance", instance);
        }
        return new WebhookOperation(op);
    }

    private static String requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A webhook operation's " + what + " must not be empty");
        }
        return value;
    }
}
