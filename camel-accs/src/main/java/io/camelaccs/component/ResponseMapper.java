package io.camelaccs.component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelaccs.http.HttpReply;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.AccsResponseBindingException;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.JsonBodies;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.sync.ItemVersion;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts a Commerce response on the message: the body (parsed to Map/List/scalar, bound to outputClass, or raw bytes)
 * and the response headers, or the typed exception for an error status.
 */
final class ResponseMapper {

    /** The response fields that become headers. */
    private static final Set<String> HEADER_FIELDS = Set.of("total_count", "bulk_uuid");

    /** Every header this class writes: an earlier accs call's are removed before each call, never left stale. */
    static final List<String> RESULT_HEADERS = List.of(AccsConstants.RESPONSE_CODE, Exchange.HTTP_RESPONSE_CODE,
            AccsConstants.DEBUG_ID, AccsConstants.TOTAL_COUNT, AccsConstants.BULK_UUID);

    private final JsonBodies json;
    private final boolean throwExceptionOnFailure;
    private final Class<?> outputClass;
    private final boolean raw;
    private final HeaderBinding headers;

    ResponseMapper(JsonBodies json, AccsEndpointConfiguration conf) {
        this(json, conf, HeaderBinding.NONE);
    }

    ResponseMapper(JsonBodies json, AccsEndpointConfiguration conf, HeaderBinding headers) {
        this.headers = headers;
        this.json = json;
        this.throwExceptionOnFailure = conf.isThrowExceptionOnFailure();
        this.outputClass = conf.getOutputClass();
        this.raw = conf.isRawResponse();
    }

    /** Puts the response on the message and tells whether it was a success; an error fails the exchange unless
     * throwExceptionOnFailure is off. */
    boolean apply(HttpReply reply, CommerceRequest request, Exchange exchange) throws IOException {
        Message out = exchange.getMessage();
        setStatus(reply, out);
        if (!reply.isSuccess() && throwExceptionOnFailure) {
            throw failure(reply, request);
        }
        if (raw) {
            setSearchAndBulkHeaders(json.topLevelScalars(reply.body(), HEADER_FIELDS), out);
            out.setBody(reply.body());
            return reply.isSuccess();
        }
        Object body = json.fromJson(reply.body());
        if (body instanceof Map<?, ?> map) {
            setSearchAndBulkHeaders(map, out);
        }
        if (outputClass != null && reply.isSuccess() && body != null) {
            body = bind(body, reply, request);
        }
        out.setBody(body);
        return reply.isSuccess();
    }

    /** Removes the result headers an earlier accs call left on the message. */
    static void clearResultHeaders(Message message) {
        RESULT_HEADERS.forEach(message::removeHeader);
    }

    /**
     * The response bound to outputClass. A failure says what happened on Commerce's side: after a successful write the
     * change is made, and only the binding failed, so the caller must not simply send it again.
     */
    private Object bind(Object body, HttpReply reply, CommerceRequest request) {
        try {
            return json.bind(body, outputClass);
        } catch (IllegalArgumentException e) {
            boolean write = !"GET".equals(request.method());
            String outcome = write
                    ? "The write succeeded: Commerce answered " + request.method() + " " + request.path() + " with HTTP "
                      + reply.status() + " and made the change; only binding the response"
                    : "Commerce answered " + request.method() + " " + request.path() + " with HTTP " + reply.status()
                      + "; binding the response";
            throw new AccsResponseBindingException(outcome + " to outputClass " + outputClass.getName() + " failed: "
                                                   + e.getMessage(), reply.status(), request.method(), request.path(),
                    write, e);
        }
    }

    /**
     * One page of a search, its items as Commerce sent them (JSON objects as Maps: a keyset walk reads their ids, and
     * {@link #bind} turns each into what the route gets); an error status is always an exception.
     */
    PageIterator.Page page(HttpReply reply, CommerceRequest request) {
        if (!reply.isSuccess()) {
            throw failure(reply, request);
        }
        Object body = json.fromJson(reply.body());
        if (!(body instanceof Map<?, ?> map) || !(map.get("items") instanceof List<?> items)) {
            throw AccsApiException.of(reply, request, "a search response without an items list");
        }
        long total = map.get("total_count") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        return new PageIterator.Page(new ArrayList<>(items), total);
    }

    /**
     * The items of a search page, each with the fingerprint of its bytes as Commerce sent them (what the consumer's
     * look-back compares); an error status is always an exception.
     */
    FingerprintedItems fingerprintedItems(HttpReply reply, CommerceRequest request) {
        if (!reply.isSuccess()) {
            throw failure(reply, request);
        }
        List<Object> items = new ArrayList<>();
        long[][] prints = { new long[16] };
        Long total = json.readSearchItems(reply.body(), (item, bytes, from, to) -> {
            int n = items.size();
            if (n == prints[0].length) {
                prints[0] = Arrays.copyOf(prints[0], n * 2);
            }
            prints[0][n] = ItemVersion.fingerprint(bytes, from, to);
            items.add(item);
        });
        if (total == null) {
            throw AccsApiException.of(reply, request, "a search response without an items list");
        }
        return new FingerprintedItems(items, prints[0]);
    }

    /** A search page's items and, at the same index, each one's fingerprint. */
    record FingerprintedItems(List<Object> items, long[] fingerprints) {
    }

    /** An item of a search page as the route gets it: bound to outputClass when set, else as it is. */
    Object bind(Object item) {
        return outputClass == null ? item : json.bind(item, outputClass);
    }

    /** Sets the status headers, the debug id and the response headers option responseHeaders selects. */
    void setStatus(HttpReply reply, Message out) {
        headers.copyResponseHeaders(reply.headers(), out);
        out.setHeader(AccsConstants.RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        String debugId = reply.debugId();
        if (debugId != null) {
            out.setHeader(AccsConstants.DEBUG_ID, debugId);
        }
    }

    private static void setSearchAndBulkHeaders(Map<?, ?> map, Message out) {
        if (map.get("total_count") instanceof Number n) {
            out.setHeader(AccsConstants.TOTAL_COUNT, n.longValue());
        }
        if (map.get("bulk_uuid") != null) {
            out.setHeader(AccsConstants.BULK_UUID, map.get("bulk_uuid").toString());
        }
    }

    private AccsApiException failure(HttpReply reply, CommerceRequest request) {
        return AccsApiException.of(reply, request, json);
    }
}
