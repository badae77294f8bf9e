package io.camelaccs.rest;

import org.apache.camel.RuntimeCamelException;

/**
 * Commerce answered with success, but its response does not bind to the endpoint's {@code outputClass}. After a write
 * (POST, PUT, DELETE) the change is made on Commerce's side: {@link #isWriteSucceeded()} tells a handler not to send
 * it again, only to fix the class.
 */
public class AccsResponseBindingException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String method;
    private final String path;
    private final boolean writeSucceeded;

    public AccsResponseBindingException(String message, int statusCode, String method, String path,
                                        boolean writeSucceeded, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.method = method;
        this.path = path;
        this.writeSucceeded = writeSucceeded;
    }

    /** The success status Commerce answered with. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The HTTP method, upper case. */
    public String getMethod() {
        return method;
    }

    /** The request path as sent. */
    public String getPath() {
        return path;
    }

    /** Whether the request was a write that Commerce carried out (anything but GET). */
    public boolean isWriteSucceeded() {
        return writeSucceeded;
    }
}
