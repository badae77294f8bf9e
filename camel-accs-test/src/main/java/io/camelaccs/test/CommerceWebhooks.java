package io.camelaccs.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Commerce's synchronous webhooks (not the I/O Events deliveries of {@link WebhookPublisher}): the subscriptions made
 * through {@code POST /V1/webhooks/subscribe} or {@link #subscribe(JsonNode)}, and the calls the simulator makes to
 * them during its own operations, waiting for the answer:
 * <ul>
 * <li>{@value #PRODUCT_SAVE_AFTER} (and {@value #PRODUCT_SAVE_BEFORE}): {@code POST/PUT /V1/products}, payload
 * {@code {"eventName": "catalog_product_save_after", "data": {"product": {...}}}}; the hook sees the product as it
 * would be saved, and {@code replace data/product/name} changes what is saved;</li>
 * <li>{@value #CART_PRODUCT_ADD_BEFORE}: {@code POST /V1/carts/{cartId}/items}, payload {@code data.product} and
 * {@code data.info.qty}; then {@value #QUOTE_ADD_ITEM} with {@code data.quote_item};</li>
 * <li>{@value #SHIPPING_ESTIMATE}: {@code POST /V1/carts/{cartId}/estimate-shipping-methods}, payload
 * {@code cartId}, {@code address} and {@code result}, the list of rates, each addressable by index or by
 * {@code <carrier_code>_<method_code>} ({@code replace result/flatrate_flatrate/amount}, {@code add result}).</li>
 * </ul>
 * Each call is signed ({@code x-adobe-commerce-webhook-signature}, SHA256withRSA over the Base64 of the raw body) with
 * the simulator's key, whose public half is {@link #publicKeyPem()}. An {@code exception} answer refuses the operation
 * with its message (HTTP 400, as Commerce answers REST clients); a failed call (non-2xx, later than {@code timeout},
 * not an operation) refuses it with {@code fallback_error_message} when the hook is {@code required}, else is skipped.
 */
public final class CommerceWebhooks {

    public static final String PRODUCT_SAVE_AFTER = "observer.catalog_product_save_after";
    public static final String PRODUCT_SAVE_BEFORE = "observer.catalog_product_save_before";
    public static final String CART_PRODUCT_ADD_BEFORE = "observer.checkout_cart_product_add_before";
    public static final String QUOTE_ADD_ITEM = "observer.sales_quote_add_item";
    public static final String SHIPPING_ESTIMATE =
            "plugin.magento.quote.api.shipment_estimation.estimate_by_extended_address";

    /** The message of a refused operation when neither the answer nor the subscription gives one. */
    public static final String DEFAULT_MESSAGE = "Cannot perform the operation due to an error.";

    /** What {@code GET /V1/webhooks/supportedList} names: the methods the simulator calls. */
    static final List<String> SUPPORTED = List.of(PRODUCT_SAVE_AFTER, PRODUCT_SAVE_BEFORE, CART_PRODUCT_ADD_BEFORE,
            QUOTE_ADD_ITEM, SHIPPING_ESTIMATE);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<String, ObjectNode> subscriptions = new LinkedHashMap<>();
    private final CommerceHookSigner signer = new CommerceHookSigner();
    private final HookCaller caller;

    /** @param imsTokens an IMS access token for a client id and secret, or null when IMS refuses them */
    CommerceWebhooks(BinaryOperator<String> imsTokens) {
        this.caller = new HookCaller(signer, imsTokens);
    }

    /**
     * Subscribes a hook as {@code POST /V1/webhooks/subscribe} does; a hook with the same method, type, batch and
     * name is replaced.
     *
     * @param webhook the {@code webhook} object of the REST body: {@code webhook_method}, {@code webhook_type},
     *                {@code batch_name}, {@code hook_name}, {@code url} and optionally {@code timeout},
     *                {@code soft_timeout}, {@code required}, {@code fallback_error_message}, {@code fields},
     *                {@code rules}, {@code headers}, {@code batch_order}, {@code priority}, {@code method},
     *                {@code developer_console_oauth} ({@code client_id}, {@code client_secret}, {@code org_id}: each
     *                call then carries {@code Authorization: Bearer <IMS token>} and {@code x-gw-ims-org-id}, the
     *                token got from the simulator's IMS, which knows the simulator's own client only)
     * @return the subscription with every field, as {@link #list()} shows it
     * @throws IllegalArgumentException naming a missing or unaccepted field
     */
    public ObjectNode subscribe(JsonNode webhook) {
        ObjectNode hook = normalize(webhook);
        synchronized (subscriptions) {
            subscriptions.put(key(hook), hook);
        }
        return masked(hook);
    }

    /**
     * Subscribes a required hook of type {@code before} in batch {@code test}, named after the method, with a 5 s
     * timeout: the short form for tests.
     */
    public ObjectNode subscribe(String webhookMethod, String url) {
        ObjectNode webhook = Json.object().put("webhook_method", webhookMethod).put("webhook_type", "before")
                .put("batch_name", "test").put("hook_name", webhookMethod.replaceAll("[^A-Za-z0-9_]", "_"))
                .put("url", url).put("timeout", 5000).put("required", true);
        return subscribe(webhook);
    }

    /** Unsubscribes a hook; false when there was none with these names. */
    public boolean unsubscribe(String webhookMethod, String webhookType, String batchName, String hookName) {
        synchronized (subscriptions) {
            return subscriptions.remove(String.join("|", webhookMethod, webhookType, batchName, hookName)) != null;
        }
    }

    /** Unsubscribes every hook, as between tests. */
    public void unsubscribeAll() {
        synchronized (subscriptions) {
            subscriptions.clear();
        }
    }

    /** Every subscription, in the order they were made (copies; a {@code client_secret} shows as {@code ******}). */
    public List<ObjectNode> list() {
        synchronized (subscriptions) {
            return subscriptions.values().stream().map(CommerceWebhooks::masked).toList();
        }
    }

    private static ObjectNode masked(ObjectNode hook) {
        ObjectNode copy = hook.deepCopy();
        if (copy.path("developer_console_oauth").isObject()) {
            ((ObjectNode) copy.get("developer_console_oauth")).put("client_secret", "******");
        }
        return copy;
    }

    /** The webhook methods the simulator supports (and calls). */
    public List<String> supportedMethods() {
        return SUPPORTED;
    }

    /**
     * The PEM (X.509 SubjectPublicKeyInfo) public key that verifies every call's
     * {@code x-adobe-commerce-webhook-signature}, as the Admin shows it: the {@code publicKey} of an
     * {@code accs-webhook:} endpoint.
     */
    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    /** How many hook calls the simulator has made (failed and late ones included). */
    public long calls() {
        return caller.calls();
    }

    /** Whether any hook is subscribed to this method (the payload need not be built otherwise). */
    boolean hasSubscribers(String webhookMethod) {
        synchronized (subscriptions) {
            return subscriptions.values().stream()
                    .anyMatch(h -> h.path("webhook_method").asText().equals(webhookMethod));
        }
    }

    /**
     * Calls the hooks subscribed to a method, {@code before} ones first, batch by batch, and applies their answers.
     *
     * @return the payload as the answers left it (the payload itself when nobody is subscribed)
     * @throws CommerceException 400 with the message when a hook refuses the operation
     */
    ObjectNode invoke(String webhookMethod, ObjectNode payload) {
        List<ObjectNode> hooks;
        synchronized (subscriptions) {
            hooks = subscriptions.values().stream().filter(h -> h.path("webhook_method").asText().equals(webhookMethod))
                    .map(ObjectNode::deepCopy).toList();
        }
        if (hooks.isEmpty()) {
            return payload;
        }
        List<ObjectNode> ordered = new ArrayList<>(hooks);
        ordered.sort(Comparator.<ObjectNode>comparingInt(h -> h.path("webhook_type").asText().equals("before") ? 0 : 1)
                .thenComparingInt(h -> h.path("batch_order").asInt())
                .thenComparing(h -> h.path("batch_name").asText())
                .thenComparing(Comparator.<ObjectNode>comparingInt(h -> h.path("priority").asInt()).reversed()));
        ObjectNode current = payload;
        int i = 0;
        while (i < ordered.size()) {
            // hooks of one batch run in parallel, on the payload as the batch found it
            List<ObjectNode> batch = new ArrayList<>();
            ObjectNode first = ordered.get(i);
            while (i < ordered.size() && sameBatch(first, ordered.get(i))) {
                batch.add(ordered.get(i++));
            }
            current = caller.callBatch(batch, current);
        }
        return current;
    }

    private static boolean sameBatch(ObjectNode a, ObjectNode b) {
        return a.path("webhook_type").asText().equals(b.path("webhook_type").asText())
               && a.path("batch_name").asText().equals(b.path("batch_name").asText());
    }

    static String key(JsonNode hook) {
        return String.join("|", hook.path("webhook_method").asText(), hook.path("webhook_type").asText(),
                hook.path("batch_name").asText(), hook.path("hook_name").asText());
    }

    /** The subscription with every field the schema lists, defaults filled in. */
    static ObjectNode normalize(JsonNode webhook) {
        if (webhook == null || !webhook.isObject()) {
            throw new IllegalArgumentException("\"webhook\" is required. Enter and try again.");
        }
        for (String field : List.of("webhook_method", "webhook_type", "batch_name", "hook_name", "url")) {
            if (webhook.path(field).asText("").isBlank()) {
                throw new IllegalArgumentException("\"" + field + "\" is required. Enter and try again.");
            }
        }
        String method = webhook.get("webhook_method").asText();
        if (!SUPPORTED.contains(method)) {
            throw new IllegalArgumentException("The webhook method \"" + method + "\" is not supported; supported are "
                                               + String.join(", ", SUPPORTED));
        }
        String type = webhook.get("webhook_type").asText();
        if (!type.equals("before") && !type.equals("after")) {
            throw new IllegalArgumentException("The webhook type \"" + type + "\" is invalid: use before or after.");
        }
        for (String field : List.of("batch_name", "hook_name")) {
            if (!NAME.matcher(webhook.get(field).asText()).matches()) {
                throw new IllegalArgumentException("The " + field + " \"" + webhook.get(field).asText()
                                                   + "\" may contain only English letters, digits and underscores.");
            }
        }
        String url = webhook.get("url").asText();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("The hook url \"" + url + "\" is not an http or https URL.");
        }
        ObjectNode hook = Json.object();
        hook.put("webhook_method", method).put("webhook_type", type)
                .put("batch_name", webhook.get("batch_name").asText())
                .put("batch_order", webhook.path("batch_order").asInt(0))
                .put("hook_name", webhook.get("hook_name").asText())
                .put("url", url)
                .put("priority", webhook.path("priority").asInt(0))
                .put("required", webhook.path("required").asBoolean(true))
                .put("soft_timeout", nonNegative(webhook, "soft_timeout"))
                .put("timeout", nonNegative(webhook, "timeout"))
                .put("method", webhook.path("method").asText("POST").toUpperCase(java.util.Locale.ROOT))
                .put("fallback_error_message", webhook.path("fallback_error_message").asText(""))
                .put("ttl", webhook.path("ttl").asInt(0));
        hook.set("fields", webhook.path("fields").isArray() ? webhook.get("fields").deepCopy() : Json.array());
        hook.set("rules", webhook.path("rules").isArray() ? webhook.get("rules").deepCopy() : Json.array());
        hook.set("headers", webhook.path("headers").isArray() ? webhook.get("headers").deepCopy() : Json.array());
        JsonNode oauth = webhook.path("developer_console_oauth");
        if (oauth.isObject()) {
            for (String field : List.of("client_id", "client_secret", "org_id")) {
                if (oauth.path(field).asText("").isBlank()) {
                    throw new IllegalArgumentException("\"developer_console_oauth." + field
                                                       + "\" is required. Enter and try again.");
                }
            }
            hook.set("developer_console_oauth", oauth.deepCopy());
        }
        for (JsonNode rule : hook.get("rules")) {
            HookFilters.matches(Json.array().add(rule), Json.object()); // an unknown operator is refused now
        }
        return hook;
    }

    private static int nonNegative(JsonNode webhook, String field) {
        int value = webhook.path(field).asInt(0);
        if (value < 0) {
            throw new IllegalArgumentException("The " + field + " must be 0 or more milliseconds, not " + value);
        }
        return value;
    }
}
