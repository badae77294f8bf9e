package io.camelaccs.test;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /V1/webhooks/subscribe}, {@code unsubscribe}, {@code list} and {@code supportedList}. */
final class CommerceWebhookResource {

    static final String ACL_LIST = "Magento_AdobeCommerceWebhooks::webhooks_list";
    static final String ACL_MANAGE = "Magento_AdobeCommerceWebhooks::webhooks";

    private final CommerceWebhooks hooks;

    CommerceWebhookResource(CommerceWebhooks hooks) {
        this.hooks = hooks;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "V1/webhooks/subscribe", ACL_MANAGE, this::subscribe),
                new Route("POST", "V1/webhooks/unsubscribe", ACL_MANAGE, this::unsubscribe),
                new Route("GET", "V1/webhooks/list", ACL_LIST, request -> list()),
                new Route("GET", "V1/webhooks/supportedList", ACL_LIST, request -> supported()));
    }

    private JsonNode subscribe(ApiRequest request) {
        JsonNode webhook = request.requireBodyField("webhook");
        try {
            hooks.subscribe(webhook);
        } catch (IllegalArgumentException e) {
            throw new CommerceException(400, e.getMessage());
        }
        return Json.array(); // a void service method: Commerce answers []
    }

    private JsonNode unsubscribe(ApiRequest request) {
        JsonNode webhook = request.requireBodyField("webhook");
        for (String field : List.of("webhook_method", "webhook_type", "batch_name", "hook_name")) {
            if (webhook.path(field).asText("").isBlank()) {
                throw CommerceException.required(field);
            }
        }
        if (!hooks.unsubscribe(webhook.get("webhook_method").asText(), webhook.get("webhook_type").asText(),
                webhook.get("batch_name").asText(), webhook.get("hook_name").asText())) {
            throw new CommerceException(404, "The webhook with the hook name \"%1\" in the batch \"%2\" was not found.",
                    Json.array().add(webhook.get("hook_name").asText()).add(webhook.get("batch_name").asText()));
        }
        return Json.array();
    }

    private JsonNode list() {
        ArrayNode list = Json.array();
        hooks.list().forEach(list::add);
        return list;
    }

    private JsonNode supported() {
        ArrayNode list = Json.array();
        hooks.supportedMethods().forEach(name -> list.addObject().put("name", name));
        return list;
    }
}
