package io.camelaccs.component;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.camelaccs.rest.BulkPaths;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.JsonBodies;
import io.camelaccs.rest.PathTemplate;
import io.camelaccs.rest.SearchCriteria;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds the Commerce request of an exchange: path parameters from headers (else endpoint options), the endpoint's
 * other pass-through options as query parameters, the search criteria of search operations, the body as JSON, the
 * store scope; for mode async and bulk, the path ACCS takes them at.
 */
final class RequestFactory {

    private final AccsMethod method;
    private final AccsMode mode;
    private final PathTemplate template;
    private final Map<String, String> options;
    private final List<Map.Entry<String, String>> query;
    private final String storeCode;
    private final JsonBodies json;
    private final SearchCriteriaFactory search;

    RequestFactory(AccsEndpoint endpoint) {
        this.method = endpoint.accsMethod();
        this.mode = endpoint.mode();
        this.options = endpoint.getPassThroughParameters();
        this.storeCode = endpoint.getConfiguration().getStoreCode();
        this.json = endpoint.jsonBodies();
        this.search = endpoint.isSearch() ? endpoint.searchCriteriaFactory() : null;
        PathTemplate base = endpoint.pathTemplate();
        this.template = switch (mode) {
            case SYNC -> base;
            case ASYNC -> new PathTemplate(BulkPaths.async(base.template()));
            case BULK -> new PathTemplate(BulkPaths.bulk(base.template()));
        };
        List<Map.Entry<String, String>> q = new ArrayList<>();
        options.forEach((name, value) -> {
            if (!base.parameters().contains(name)) {
                q.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        });
        this.query = List.copyOf(q);
    }

    /** The search criteria of this exchange, or null when the operation is not a search. */
    SearchCriteria searchCriteria(Exchange exchange) {
        return search == null ? null : search.create(exchange);
    }

    CommerceRequest create(Exchange exchange, SearchCriteria criteria) throws IOException {
        Message in = exchange.getMessage();
        String path = template.expand(name -> {
            Object header = in.getHeader(name);
            return header != null ? header : options.get(name);
        }, method.name());
        byte[] body = null;
        // a bulk request names its entities in the body (its path has no parameters left), DELETE included
        if (method.hasBody() || mode == AccsMode.BULK) {
            Object payload = in.getBody();
            if (mode == AccsMode.BULK) {
                requireList(payload);
            }
            body = json.toJson(payload);
        }
        String store = in.getHeader(AccsConstants.STORE_CODE, String.class);
        return new CommerceRequest(method.name(), path, queryWith(criteria), body, store != null ? store : storeCode);
    }

    /** The endpoint's query parameters followed by those of the criteria. */
    List<Map.Entry<String, String>> queryWith(SearchCriteria criteria) {
        if (criteria == null) {
            return query;
        }
        List<Map.Entry<String, String>> all = new ArrayList<>(query);
        all.addAll(criteria.toQueryParameters());
        return all;
    }

    private static void requireList(Object payload) {
        boolean list = payload instanceof Collection<?> || payload instanceof Object[] || payload instanceof ArrayNode
                       || payload instanceof byte[] // JSON written by the caller: Commerce will judge it
                       || payload instanceof String s && s.stripLeading().startsWith("[");
        if (!list) {
            throw new IllegalArgumentException("mode=bulk needs a message body that is a list of request bodies (one per"
                                               + " operation), but the body is "
                                               + (payload == null ? "null" : payload.getClass().getName()));
        }
    }
}
