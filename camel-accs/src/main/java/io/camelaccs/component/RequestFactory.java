package io.camelaccs.component;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Raw searchCriteria[...] options given on the URI: they win over the generated ones of the same name. */
    private final Set<String> rawCriteria;

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
        this.rawCriteria = new HashSet<>();
        q.forEach(e -> {
            if (e.getKey().startsWith("searchCriteria[")) {
                rawCriteria.add(e.getKey());
            }
        });
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

    /** A consumer's search request: path parameters from endpoint options only, as no exchange exists yet. */
    CommerceRequest createForPoll(SearchCriteria criteria) {
        String path = template.expand(options::get, method.name());
        return new CommerceRequest(method.name(), path, queryWith(criteria), null, storeCode);
    }

    /** The endpoint's query parameters followed by those of the criteria. */
    List<Map.Entry<String, String>> queryWith(SearchCriteria criteria) {
        if (criteria == null) {
            return query;
        }
        List<Map.Entry<String, String>> all = new ArrayList<>(query);
        for (Map.Entry<String, String> e : criteria.toQueryParameters()) {
            if (!rawCriteria.contains(e.getKey())) {
                all.add(e);
            }
        }
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
