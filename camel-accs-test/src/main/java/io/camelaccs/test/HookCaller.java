package io.camelaccs.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the signed calls of one batch of Commerce hooks at once and applies their answers in hook order, as Commerce
 * does: {@code success} goes on, {@code exception} refuses the operation with its message, {@code add},
 * {@code replace} and {@code remove} change the payload. A failed call refuses the operation with the hook's
 * {@code fallback_error_message} when the hook is required, and is skipped (logged) when it is not.
 */
final class HookCaller {

    private static final Logger LOG = LoggerFactory.getLogger(HookCaller.class);

    /** Why a call did not give a usable answer. */
    private static final class HookFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HookFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final CommerceHookSigner signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong calls = new AtomicLong();
    private final BinaryOperator<String> imsTokens;

    HookCaller(CommerceHookSigner signer, BinaryOperator<String> imsTokens) {
        this.signer = signer;
        this.imsTokens = imsTokens;
    }

    long calls() {
        return calls.get();
    }

    ObjectNode callBatch(List<ObjectNode> hooks, ObjectNode payload) {
        List<ObjectNode> called = new ArrayList<>();
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        List<Long> started = new ArrayList<>();
        for (ObjectNode hook : hooks) {
            if (!HookFilters.matches(hook.get("rules"), payload)) {
                continue;
            }
            called.add(hook);
            started.add(System.nanoTime());
            answers.add(send(hook, payload));
        }
        ObjectNode result = payload.deepCopy();
        for (int i = 0; i < called.size(); i++) {
            ObjectNode hook = called.get(i);
            try {
                HttpResponse<byte[]> response = answers.get(i).join();
                long millis = Duration.ofNanos(System.nanoTime() - started.get(i)).toMillis();
                int soft = hook.path("soft_timeout").asInt();
                if (soft > 0 && millis > soft) {
                    LOG.info("Hook {} answered in {} ms, over its soft_timeout of {} ms", name(hook), millis, soft);
                }
                result = apply(hook, response, result);
            } catch (CompletionException e) {
                fail(hook, e.getCause() instanceof java.net.http.HttpTimeoutException
                        ? "no answer within its timeout of " + hook.path("timeout").asInt() + " ms"
                        : "the call failed: " + e.getCause());
            } catch (HookFailure e) {
                fail(hook, e.getMessage());
            }
        }
        return result;
    }

    private CompletableFuture<HttpResponse<byte[]>> send(ObjectNode hook, ObjectNode payload) {
        byte[] body = Json.bytes(HookFilters.reshape(hook.get("fields"), payload));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.get("url").asText()))
                .header("Content-Type", "application/json")
                .header(CommerceHookSigner.HEADER, signer.sign(body))
                .method(hook.path("method").asText("POST"), HttpRequest.BodyPublishers.ofByteArray(body));
        for (JsonNode header : hook.get("headers")) {
            request.header(header.path("name").asText(), header.path("value").asText());
        }
        JsonNode oauth = hook.path("developer_console_oauth");
        if (oauth.isObject()) {
            String token = imsTokens.apply(oauth.path("client_id").asText(), oauth.path("client_secret").asText());
            if (token == null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "IMS refused the developer_console_oauth credentials"));
            }
            request.header("Authorization", "Bearer " + token).header("x-gw-ims-org-id", oauth.path("org_id").asText());
        }
        int timeout = hook.path("timeout").asInt();
        if (timeout > 0) {
            request.timeout(Duration.ofMillis(timeout));
        }
        calls.incrementAndGet();
        try {
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The payload with the hook's answer applied, all operations or none. */
    private static ObjectNode apply(ObjectNode hook, HttpResponse<byte[]> response, ObjectNode payload)
            throws HookFailure {
        if (response.statusCode() / 100 != 2) {
            throw new HookFailure("it answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new HookFailure("its answer is not JSON");
        }
        if (answer == null || !(answer.isObject() || answer.isArray())) {
            throw new HookFailure("its answer is not an operation or a list of operations");
        }
        ObjectNode changed = payload.deepCopy();
        for (JsonNode operation : answer.isArray() ? answer : Json.array().add(answer)) {
            String op = operation.path("op").asText("");
            try {
                switch (op) {
                    case "success" -> {
                    }
                    case "exception" -> throw new CommerceException(400, message(operation.path("message").asText(""),
                            hook));
                    case "add" -> HookPaths.add(changed, operation.path("path").asText(), value(operation));
                    case "replace" -> HookPaths.replace(changed, operation.path("path").asText(), value(operation));
                    case "remove" -> HookPaths.remove(changed, operation.path("path").asText());
                    default -> throw new HookFailure("its answer has an unknown op \"" + op
                                                     + "\" (success, exception, add, replace, remove)");
                }
            } catch (IllegalArgumentException e) {
                throw new HookFailure("its " + op + " operation failed: " + e.getMessage());
            }
        }
        return changed;
    }

    private static JsonNode value(JsonNode operation) throws HookFailure {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw new HookFailure("its " + operation.path("op").asText() + " operation has no value");
        }
        return value.deepCopy();
    }

    private static void fail(ObjectNode hook, String why) {
        if (hook.path("required").asBoolean(true)) {
            LOG.info("Required hook {} failed ({}): the operation is refused", name(hook), why);
            throw new CommerceException(400, message("", hook));
        }
        LOG.info("Optional hook {} failed ({}): the operation goes on", name(hook), why);
    }

    private static String message(String answered, ObjectNode hook) {
        if (!answered.isBlank()) {
            return answered;
        }
        String fallback = hook.path("fallback_error_message").asText("");
        return fallback.isBlank() ? CommerceWebhooks.DEFAULT_MESSAGE : fallback;
    }

    private static String name(ObjectNode hook) {
        return hook.path("batch_name").asText() + "/" + hook.path("hook_name").asText() + " of "
               + hook.path("webhook_method").asText();
    }
}
