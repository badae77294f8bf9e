package io.camelaccs.component;

import java.util.Map;

import io.camelaccs.http.HttpReply;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.ErrorMessage;
import io.camelaccs.rest.JsonBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Puts a Commerce response on the message: the parsed body and the response headers, or the typed exception for an
 * error status.
 */
final class ResponseMapper {

    private final JsonBodies json;
    private final boolean throwExceptionOnFailure;

    ResponseMapper(JsonBodies json, boolean throwExceptionOnFailure) {
        this.json = json;
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    void apply(HttpReply reply, CommerceRequest request, Exchange exchange) {
        Message out = exchange.getMessage();
        out.setHeader(AccsConstants.RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        String debugId = reply.debugId();
        if (debugId != null) {
            out.setHeader(AccsConstants.DEBUG_ID, debugId);
        }
        if (!reply.isSuccess() && throwExceptionOnFailure) {
            throw new AccsApiException(reply.status(), request.method(), request.path(),
                    ErrorMessage.render(json.tree(reply.body())), reply.bodyAsString(), debugId);
        }
        Object body = json.fromJson(reply.body());
        if (body instanceof Map<?, ?> map) {
            if (map.get("total_count") instanceof Number n) {
                out.setHeader(AccsConstants.TOTAL_COUNT, n.longValue());
            }
            if (map.get("bulk_uuid") != null) {
                out.setHeader(AccsConstants.BULK_UUID, map.get("bulk_uuid").toString());
            }
        }
        out.setBody(body);
    }
}
