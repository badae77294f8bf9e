package io.camelaccs.test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock extension answering every request under {@code /<tenant>}: injected faults first (as a gateway would
 * answer them), then the route (404 for an unknown one), the gateway's authentication, the {@code Store} header, the
 * operation itself and the {@code fields} filter. Errors come back in Commerce's shape
 * ({@code {"message": ..., "parameters": ...}}).
 */
final class CommerceEndpoint extends StubEndpoint {

    static final String NAME = "accs-commerce";

    private static final Logger LOG = LoggerFactory.getLogger(CommerceEndpoint.class);

    private final String tenantPath;
    private final FaultPlan faults;
    private final CommerceApi api;
    private final CommerceAuthenticator authenticator;
    private final StoreResource stores;
    private final AtomicLong requestIds = new AtomicLong();

    CommerceEndpoint(String tenantPath, FaultPlan faults, CommerceApi api, CommerceAuthenticator authenticator,
                     StoreResource stores) {
        super(NAME, faults::commerceLatencyMillis);
        this.tenantPath = tenantPath;
        this.faults = faults;
        this.api = api;
        this.authenticator = authenticator;
        this.stores = stores;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        String method = request.getMethod().getName();
        RequestTarget target = RequestTarget.of(request.getUrl(), tenantPath);
        Map<String, String> headers = Map.of("x-request-id", "sim-" + requestIds.incrementAndGet());

        FaultPlan.Injected fault = faults.nextCommerceFault(method, target.rawPath(), target.decodedPath());
        if (fault != null) {
            LOG.debug("Injecting {} into {} {}", fault, method, target.rawPath());
            return inject(fault, delay, headers);
        }
        try {
            CommerceApi.Dispatch dispatch = api.resolve(method, target.segments());
            authenticator.check(request, dispatch.resource());
            String store = request.getHeader("Store");
            stores.checkStoreCode(store);
            JsonNode body = Json.parse(request.getBody());
            ApiRequest apiRequest = new ApiRequest(method, dispatch.params(), UrlCodec.decodeForm(target.rawQuery()),
                    body, store);
            JsonNode result = dispatch.action().apply(apiRequest);
            return Replies.json(200, FieldsFilter.apply(apiRequest.queryParameter("fields"), result), delay, headers);
        } catch (CommerceException e) {
            return Replies.json(e.status(), e.body(), delay, headers);
        } catch (RuntimeException e) {
            LOG.warn("Simulated Commerce failed on {} {}", method, target.rawPath(), e);
            String report = "webapi-" + requestIds.get();
            return Replies.json(500, Json.object()
                    .put("message", "Internal Error. Details are available in Magento log file. Report ID: %1")
                    .set("parameters", Json.array().add(report)), delay, headers);
        }
    }

    static ResponseDefinition inject(FaultPlan.Injected fault, int delay, Map<String, String> headers) {
        if (fault.kind() == FaultPlan.Kind.RESET) {
            return Replies.connectionReset(delay);
        }
        Map<String, String> withRetry = new HashMap<>(headers);
        if (fault.retryAfterSeconds() != null) {
            withRetry.put("Retry-After", fault.retryAfterSeconds().toString());
        }
        String message = fault.status() == 429 ? "Too many requests. Retry after %1 seconds."
                : "The service is temporarily unavailable (simulated HTTP %1).";
        String parameter = String.valueOf(fault.status() == 429 ? fault.retryAfterSeconds() : fault.status());
        return Replies.json(fault.status(), Json.object().put("message", message)
                .set("parameters", Json.array().add(parameter)), delay, withRetry);
    }
}
