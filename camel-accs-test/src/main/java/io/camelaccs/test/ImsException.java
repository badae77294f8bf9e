package io.camelaccs.test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An IMS refusal: HTTP status and the OAuth {@code error} and {@code error_description}. */
final class ImsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    ImsException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static ImsException invalidClient(String description) {
        return new ImsException(400, "invalid_client", description);
    }

    static ImsException invalidGrant(String description) {
        return new ImsException(400, "invalid_grant", description);
    }

    static ImsException invalidRequest(String description) {
        return new ImsException(400, "invalid_request", description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    ObjectNode body() {
        return Json.object().put("error", error).put("error_description", getMessage());
    }
}
