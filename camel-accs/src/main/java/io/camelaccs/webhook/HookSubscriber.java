package io.camelaccs.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelaccs.rest.AccsApiException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes and unsubscribes one hook over Commerce's REST API, through {@code accs:} endpoints of the context, so
 * that the {@code accs} component's credentials, connection, retries and errors are the ones every accs call has.
 */
final class HookSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(HookSubscriber.class);

    private final HookSubscription subscription;
    private final String path;
    private final CamelContext context;
    private final ProducerTemplate accs;
    private final String accsComponent;

    HookSubscriber(CamelContext context, HookSubscription subscription, String path, String accsComponent) {
        this.context = context;
        this.accsComponent = accsComponent;
        this.subscription = subscription;
        this.path = path;
        this.accs = context.createProducerTemplate();
    }

    /**
     * Makes Commerce's subscription this endpoint's: nothing is sent when an identical one is listed; otherwise
     * subscribes (which replaces the hook of the same method, type, batch and name) and unsubscribes this hook's
     * subscriptions of the other type.
     *
     * @throws IllegalArgumentException when Commerce does not support webhookMethod, naming the supported ones
     */
    void subscribe() {
        List<String> supported = supportedMethods();
        if (supported != null && !supported.contains(subscription.method())) {
            throw new IllegalArgumentException("Option webhookMethod of accs-webhook:" + path + ": Commerce does not"
                                               + " support " + subscription.method() + "; supported are "
                                               + String.join(", ", supported));
        }
        List<Map<?, ?>> mine = new ArrayList<>();
        for (Object entry : call("get:/V1/webhooks/list", null, List.class)) {
            if (entry instanceof Map<?, ?> map && subscription.isThisHook(map)) {
                mine.add(map);
            }
        }
        Object type = subscription.webhook().get("webhook_type");
        if (mine.size() == 1 && subscription.isSetAs(mine.get(0))) {
            LOG.info("accs-webhook:{}: Commerce's subscription of hook {} is as configured; left alone", path,
                    subscription.webhook().get("hook_name"));
            return;
        }
        call("post:/V1/webhooks/subscribe", Map.of("webhook", subscription.webhook()), Object.class);
        for (Map<?, ?> other : mine) {
            if (!type.equals(String.valueOf(other.get("webhook_type")))) {
                call("post:/V1/webhooks/unsubscribe", Map.of("webhook", subscription.key(other.get("webhook_type"))),
                        Object.class);
            }
        }
        LOG.info("accs-webhook:{}: subscribed hook {} of batch {} to {} at {}", path,
                subscription.webhook().get("hook_name"), subscription.webhook().get("batch_name"),
                subscription.method(), subscription.webhook().get("url"));
    }

    /** Unsubscribes the hook; one already gone is not an error, and a failure is logged: the route stops anyway. */
    void unsubscribe() {
        try {
            call("post:/V1/webhooks/unsubscribe",
                    Map.of("webhook", subscription.key(subscription.webhook().get("webhook_type"))), Object.class);
            LOG.info("accs-webhook:{}: unsubscribed hook {}", path, subscription.webhook().get("hook_name"));
        } catch (RuntimeException e) {
            AccsApiException api = ObjectHelper.getException(AccsApiException.class, e);
            if (api != null && api.getStatusCode() == 404) {
                return;
            }
            LOG.warn("accs-webhook:{}: could not unsubscribe hook {} (unsubscribeOnStop=true): {}", path,
                    subscription.webhook().get("hook_name"), e.getMessage());
        }
    }

    void close() throws Exception {
        accs.stop();
    }

    /** The methods Commerce supports, or null when it cannot tell (supportedList is ACCS's only). */
    private List<String> supportedMethods() {
        List<?> list;
        try {
            list = call("get:/V1/webhooks/supportedList", null, List.class);
        } catch (RuntimeException e) {
            AccsApiException api = ObjectHelper.getException(AccsApiException.class, e);
            if (api != null && api.getStatusCode() == 404) {
                LOG.info("accs-webhook:{}: this Commerce has no /V1/webhooks/supportedList; webhookMethod not checked",
                        path);
                return null;
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            names.add(item instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : String.valueOf(item));
        }
        return names;
    }

    private <T> T call(String methodAndPath, Object body, Class<T> type) {
        Object answer;
        try {
            // the subscriber's own calls, not a route's: supportedList is ACCS's only, and on a PaaS shop (whose
            // schema lacks it) the call must reach the shop and meet its 404 rather than fail validation
            Endpoint endpoint = context.getEndpoint(accsComponent + ":" + methodAndPath + "?validateOperation=false");
            // while the context itself is starting, an endpoint it hands out may not be started yet
            ServiceHelper.startService(endpoint);
            answer = accs.requestBody(endpoint, body);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RuntimeCamelException("accs-webhook:" + path + " (subscribe=true): " + methodAndPath.replace(":/", " /") + " failed: " + cause.getMessage(), cause);
        }
        if (type == List.class && !(answer instanceof List)) {
            throw new IllegalStateException("accs-webhook:" + path + ": " + methodAndPath + " answered " + answer
                                            + " rather than a list");
        }
        return type.cast(answer);
    }
}
