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
import io.camelaccs.rest.CommercePlatform;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.Operation;
import io.camelaccs.rest.OperationCatalog;
import io.camelaccs.rest.PathTemplate;
import io.camelaccs.rest.SearchCriteria;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds the Commerce request of an exchange: path parameters from the endpoint URI, else from headers (a value the
 * route author fixed on the URI is never overridden by a header, which may come from an HTTP caller), the endpoint's
 * other pass-through options as query parameters, the search criteria of search operations, the body (for POST, PUT,
 * bulk requests and the DELETE operations whose schema takes one), the store scope, the message headers option
 * requestHeaders selects; for mode async and bulk, the path the endpoint's platform takes them at.
 */
final class RequestFactory {

    private final AccsMethod method;
    private final AccsMode mode;
    private final PathTemplate template;
    private final Map<String, String> options;
    private final List<Map.Entry<String, String>> query;
    private final String storeCode;
    private final RequestBodies bodies;
    /** Whether the request carries the message body. */
    private final boolean sendsBody;
    private final SearchCriteriaFactory search;
    /** Raw searchCriteria[...] options given on the URI: they win over the generated ones of the same name. */
    private final Set<String> rawCriteria;
    private final HeaderBinding headers;
    /** How error messages name the endpoint's platform. */
    private final String platformName;

    RequestFactory(AccsEndpoint endpoint) {
        this.method = endpoint.accsMethod();
        this.mode = endpoint.mode();
        this.options = endpoint.getPassThroughParameters();
        this.storeCode = endpoint.getConfiguration().getStoreCode();
        this.bodies = new RequestBodies(endpoint.jsonBodies());
        this.search = endpoint.isSearch() ? endpoint.searchCriteriaFactory() : null;
        this.headers = endpoint.headerBinding();
        PathTemplate base = endpoint.pathTemplate();
        CommercePlatform platform = endpoint.platform();
        this.platformName = platform.displayName();
        this.template = switch (mode) {
            case SYNC -> base;
            case ASYNC -> new PathTemplate(platform.asyncTemplate(base.template()));
            case BULK -> new PathTemplate(platform.bulkTemplate(base.template()));
        };
        List<Map.Entry<String, String>> q = new ArrayList<>();
        options.forEach((name, value) -> {
            if (!base.parameters().contains(name)) {
                q.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        });
        this.query = List.copyOf(q);
        // a bulk request names its entities in the body (its path has no parameters left), DELETE included
        this.sendsBody = method.hasBody() || mode == AccsMode.BULK
                         || method == AccsMethod.DELETE && takesBody(endpoint.getOperation(), platform.catalog(),
                                                                     base.template());
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
        String path = template.expand(name -> options.containsKey(name) ? options.get(name) : in.getHeader(name),
                method.name());
        byte[] body = null;
        if (sendsBody) {
            if (mode == AccsMode.BULK) {
                requireList(in.getBody());
            }
            body = bodies.read(exchange);
        }
        String store = in.getHeader(AccsConstants.STORE_CODE, String.class);
        return new CommerceRequest(method.name(), path, queryWith(criteria), body, store != null ? store : storeCode,
                headers.requestHeaders(exchange), platformName);
    }

    /** A consumer's search request: path parameters from endpoint options only, as no exchange exists yet. */
    CommerceRequest createForPoll(SearchCriteria criteria) {
        String path = template.expand(options::get, method.name());
        return new CommerceRequest(method.name(), path, queryWith(criteria), null, storeCode, List.of(), platformName);
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

    /**
     * Whether a DELETE operation takes a body, as the catalog says (also when validateOperation=false, for an
     * operation the catalog knows); an operation it does not know gets none.
     */
    private static boolean takesBody(Operation validated, OperationCatalog catalog, String path) {
        Operation op = validated != null ? validated : catalog.find("DELETE", path).orElse(null);
        return op != null && op.body();
    }

    private static void requireList(Object payload) {
        boolean list = payload instanceof Collection<?> || payload instanceof Object[] || payload instanceof ArrayNode
                       || payload instanceof String s && s.stripLeading().startsWith("[")
                       // content written by the caller (bytes, a file, a stream): Commerce will judge it
                       || !(payload instanceof String) && RequestBodies.isContent(payload);
        if (!list) {
            throw new IllegalArgumentException("mode=bulk needs a message body that is a list of request bodies (one per"
                                               + " operation), but the body is "
                                               + (payload == null ? "null" : payload.getClass().getName()));
        }
    }
}
