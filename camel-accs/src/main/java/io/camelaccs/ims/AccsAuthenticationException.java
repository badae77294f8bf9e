package io.camelaccs.ims;

import org.apache.camel.RuntimeCamelException;

/**
 * Adobe IMS did not issue a token: it refused the credentials ({@code error} such as {@code invalid_client}), failed,
 * or could not be reached. Carries what Adobe support asks for ({@code x-debug-id}); never a credential or token.
 */
public class AccsAuthenticationException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String error;
    private final String errorDescription;
    private final String debugId;

    public AccsAuthenticationException(String message, int statusCode, String error, String errorDescription,
                                       String debugId, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.error = error;
        this.errorDescription = errorDescription;
        this.debugId = debugId;
    }

    /** The HTTP status IMS answered with, or 0 when no answer came (network failure). */
    public int getStatusCode() {
        return statusCode;
    }

    /** The OAuth {@code error} code, such as {@code invalid_client}; null when IMS sent none. */
    public String getError() {
        return error;
    }

    /** IMS's {@code error_description}; null when IMS sent none. */
    public String getErrorDescription() {
        return errorDescription;
    }

    /** The {@code x-debug-id} response header, to quote to Adobe support; null when absent. */
    public String getDebugId() {
        return debugId;
    }

    /**
     * Whether IMS refused the request itself (400 or 401): retrying the same request cannot succeed, so a cool-down
     * applies.
     */
    public boolean isRefusal() {
        return statusCode == 400 || statusCode == 401;
    }
}
