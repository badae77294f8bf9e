package io.camelaccs.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock extension answering every request under {@code /rest/<store>/} when the simulator runs as an Adobe
 * Commerce PaaS shop: injected faults first, then the admin token route, the route ({@code /V1/...},
 * {@code /async/V1/...}, {@code /async/bulk/V1/...}; the ACCS forms {@code /V1/async/...} do not exist here), the
 * shop's authentication ({@link PaasShop}), the store code of the path, the operation itself and the {@code fields}
 * filter. The operations are the same as on ACCS: the resources and the bulk queue are shared.
 */
final class PaasCommerceEndpoint extends StubEndpoint {

    static final String NAME = "accs-paas-commerce";
    /** Where the shop's REST API lives; the component's baseUrl is {@code http://127.0.0.1:<port>/rest}. */
    static final String REST = "/rest";
    /** The store of a path without a store code ({@code /rest/V1/...}), as Magento's default store view. */
    static final String DEFAULT_STORE = "default";

    private static final Logger LOG = LoggerFactory.getLogger(PaasCommerceEndpoint.class);
    private static final List<String> ADMIN_TOKEN = List.of("V1", "integration", "admin", "token");

    private final FaultPlan faults;
    private final CommerceApi api;
    private final PaasShop shop;
    private final StoreResource stores;
    private final AtomicLong requestIds = new AtomicLong();

    PaasCommerceEndpoint(FaultPlan faults, CommerceApi api, PaasShop shop, StoreResource stores) {
        super(NAME, faults::commerceLatencyMillis);
        this.faults = faults;
        this.api = api;
        this.shop = shop;
        this.stores = stores;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        String method = request.getMethod().getName();
        RequestTarget target = RequestTarget.ofPaas(request.getUrl());
        Map<String, String> headers = Map.of("x-request-id", "paas-" + requestIds.incrementAndGet());
        FaultPlan.Injected fault = faults.nextCommerceFault(method, target.rawPath(), target.decodedPath());
        if (fault != null) {
            LOG.debug("Injecting {} into {} {}", fault, method, target.fullRawPath());
            return CommerceEndpoint.inject(fault, delay, headers);
        }
        try {
            String store = target.paasStore();
            if (store == null) {
                throw CommerceException.noRoute();
            }
            stores.checkStoreCode(store);
            JsonNode body = Json.parse(request.getBody());
            if (method.equals("POST") && target.segments().equals(ADMIN_TOKEN)) {
                return Replies.json(200, TextNode.valueOf(shop.issueAdminToken(body)), delay, headers);
            }
            CommerceApi.Dispatch dispatch = api.resolve(method, accsForm(target.segments()));
            shop.authenticate(request, target, dispatch.resource());
            ApiRequest apiRequest = new ApiRequest(method, dispatch.params(), UrlCodec.decodeForm(target.rawQuery()),
                    body, store);
            JsonNode result = dispatch.action().apply(apiRequest);
            return Replies.json(200, FieldsFilter.apply(apiRequest.queryParameter("fields"), result), delay, headers);
        } catch (CommerceException e) {
            return Replies.json(e.status(), e.body(), delay, headers);
        } catch (RuntimeException e) {
            LOG.warn("Simulated PaaS Commerce failed on {} {}", method, target.fullRawPath(), e);
            return Replies.json(500, Json.object()
                    .put("message", "Internal Error. Details are available in Magento log file. Report ID: %1")
                    .set("parameters", Json.array().add("webapi-" + requestIds.get())), delay, headers);
        }
    }

    /**
     * The PaaS path as the shared dispatcher knows it: {@code async/V1/x} is {@code V1/async/x} and
     * {@code async/bulk/V1/x} is {@code V1/async/bulk/x}; the ACCS forms themselves are no route on PaaS.
     */
    static List<String> accsForm(List<String> segments) {
        if (segments.size() > 1 && segments.get(0).equals("V1") && segments.get(1).equals("async")) {
            throw CommerceException.noRoute();
        }
        List<String> inner = new ArrayList<>();
        if (segments.size() > 2 && segments.get(0).equals("async") && segments.get(1).equals("bulk")
                && segments.get(2).equals("V1")) {
            inner.addAll(List.of("V1", "async", "bulk"));
            inner.addAll(segments.subList(3, segments.size()));
            return inner;
        }
        if (segments.size() > 1 && segments.get(0).equals("async") && segments.get(1).equals("V1")) {
            inner.addAll(List.of("V1", "async"));
            inner.addAll(segments.subList(2, segments.size()));
            return inner;
        }
        return segments;
    }
}
