package io.camelaccs.component;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.JsonBodies;
import io.camelaccs.rest.PathTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds the Commerce request of an exchange: path parameters from headers (else endpoint options), the endpoint's
 * other pass-through options as query parameters, the body as JSON, the store scope.
 */
final class RequestFactory {

    private final AccsMethod method;
    private final PathTemplate template;
    private final Map<String, String> options;
    private final List<Map.Entry<String, String>> query;
    private final String storeCode;
    private final JsonBodies json;

    RequestFactory(AccsEndpoint endpoint) {
        this.method = endpoint.accsMethod();
        this.template = endpoint.pathTemplate();
        this.options = endpoint.getPassThroughParameters();
        this.storeCode = endpoint.getConfiguration().getStoreCode();
        this.json = endpoint.jsonBodies();
        List<Map.Entry<String, String>> q = new ArrayList<>();
        options.forEach((name, value) -> {
            if (!template.parameters().contains(name)) {
                q.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        });
        this.query = List.copyOf(q);
    }

    CommerceRequest create(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String path = template.expand(name -> {
            Object header = in.getHeader(name);
            return header != null ? header : options.get(name);
        }, method.name());
        byte[] body = method.hasBody() ? json.toJson(in.getBody()) : null;
        String store = in.getHeader(AccsConstants.STORE_CODE, String.class);
        return new CommerceRequest(method.name(), path, query, body, store != null ? store : storeCode);
    }
}
