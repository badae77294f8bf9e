package io.camelaccs.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelaccs.http.HttpReply;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.HttpResponseAware;

/**
 * Commerce answered a request with an error status (4xx, 5xx). The message names the method, the path, the status
 * and Commerce's own message with its {@code %1}/{@code %name} placeholders filled; the raw body is kept for
 * anything else (the {@code errors} list, {@code trace}).
 */
public class AccsApiException extends RuntimeCamelException implements HttpResponseAware {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String method;
    private final String path;
    private final String commerceMessage;
    private final String responseBody;
    private final String debugId;

    public AccsApiException(int statusCode, String method, String path, String commerceMessage, String responseBody,
                            String debugId) {
        this(describe(null, statusCode, method, path, commerceMessage, debugId, null), statusCode, method, path,
                commerceMessage, responseBody, debugId);
    }

    /** For subclasses that add to the message: {@code advice} follows Commerce's message. */
    protected AccsApiException(int statusCode, String method, String path, String commerceMessage,
                               String responseBody, String debugId, String advice) {
        this(null, statusCode, method, path, commerceMessage, responseBody, debugId, advice);
    }

    /**
     * For subclasses that add to the message and name the platform.
     *
     * @param platformName how the message names the platform ({@code Adobe Commerce PaaS}); null for ACCS
     */
    protected AccsApiException(String platformName, int statusCode, String method, String path,
                               String commerceMessage, String responseBody, String debugId, String advice) {
        this(describe(platformName, statusCode, method, path, commerceMessage, debugId, advice), statusCode, method,
                path, commerceMessage, responseBody, debugId);
    }

    private AccsApiException(String message, int statusCode, String method, String path, String commerceMessage,
                             String responseBody, String debugId) {
        super(message);
        this.statusCode = statusCode;
        this.method = method;
        this.path = path;
        this.commerceMessage = commerceMessage;
        this.responseBody = responseBody;
        this.debugId = debugId;
    }

    /**
     * The exception for an error answer, Commerce's message read from its body with the placeholders filled; an
     * {@link AccsPermissionException} for a 401 that a fresh token did not cure, an {@link AccsOAuthException} for a
     * 401 an integration met.
     */
    public static AccsApiException of(HttpReply reply, CommerceRequest request, JsonBodies json) {
        JsonNode body = json.tree(reply.body());
        if (reply.status() == 401 && reply.advice() != null) {
            // a PaaS integration's refusal: its authentication knows what to check
            return new AccsOAuthException(request.platformName(), 401, request.method(), request.path(),
                    ErrorMessage.render(body), reply.bodyAsString(), reply.debugId(), reply.advice());
        }
        if (reply.status() == 401 && reply.tokenRuledOut()) {
            return new AccsPermissionException(request.platformName(), request.method(), request.path(),
                    ErrorMessage.render(body), AccsPermissionException.aclResource(body), reply.bodyAsString(),
                    reply.debugId());
        }
        return of(reply, request, ErrorMessage.render(body));
    }

    /** The exception for an answer the component cannot use, with its own account of why. */
    public static AccsApiException of(HttpReply reply, CommerceRequest request, String message) {
        return new AccsApiException(request.platformName(), reply.status(), request.method(), request.path(), message,
                reply.bodyAsString(), reply.debugId(), null);
    }

    private static String describe(String platformName, int status, String method, String path, String message,
                                   String debugId, String advice) {
        StringBuilder sb = new StringBuilder(platformName != null ? platformName : "ACCS").append(' ').append(method).append(' ').append(path)
                .append(" failed with HTTP ").append(status);
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message);
        }
        if (advice != null) {
            sb.append(' ').append(advice);
        }
        if (debugId != null) {
            sb.append(" [x-debug-id: ").append(debugId).append(']');
        }
        return sb.toString();
    }

    public int getStatusCode() {
        return statusCode;
    }

    /** The status, for Camel's health checks (a failed poll's details show http.response.code). */
    @Override
    public int getHttpResponseCode() {
        return statusCode;
    }

    @Override
    public void setHttpResponseCode(int code) {
        throw new UnsupportedOperationException("The status of a Commerce answer is fixed");
    }

    /** Commerce's message, as the status text. */
    @Override
    public String getHttpResponseStatus() {
        return commerceMessage;
    }

    @Override
    public void setHttpResponseStatus(String status) {
        throw new UnsupportedOperationException("The status of a Commerce answer is fixed");
    }

    /** The HTTP method, upper case. */
    public String getMethod() {
        return method;
    }

    /** The request path as sent (parameters filled and encoded), without the base URL or query. */
    public String getPath() {
        return path;
    }

    /** Commerce's {@code message} with its placeholders filled; null when the body had none. */
    public String getCommerceMessage() {
        return commerceMessage;
    }

    /** The response body as Commerce sent it. */
    public String getResponseBody() {
        return responseBody;
    }

    /** {@code x-debug-id} (or {@code x-request-id}) of the response, for Adobe support; null when absent. */
    public String getDebugId() {
        return debugId;
    }
}
