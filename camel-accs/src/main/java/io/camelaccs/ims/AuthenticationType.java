package io.camelaccs.ims;

/**
 * How the component obtains the access token it sends to Commerce.
 */
public enum AuthenticationType {
    /** Server-to-server: client id and secret exchanged for a token, renewed before it expires. */
    CLIENT_CREDENTIALS,
    /** User authentication: a refresh token (from the login helper) exchanged for access tokens. */
    REFRESH_TOKEN,
    /** A token supplied by the caller (option or header), sent as is and never refreshed. */
    ACCESS_TOKEN,
    /**
     * Platform PAAS: an integration's consumer key and secret, access token and secret; every request is signed with
     * OAuth 1.0a HMAC-SHA256, or carries the access token as a bearer with {@code integrationAsBearer=true}.
     */
    INTEGRATION,
    /**
     * Platform PAAS: an Admin user's name and password exchanged at {@code /V1/integration/admin/token} for a bearer
     * token, renewed before its lifetime ends.
     */
    ADMIN_TOKEN;

    /** Whether the tokens come from Adobe IMS (ACCS), not from the shop itself. */
    public boolean isIms() {
        return this == CLIENT_CREDENTIALS || this == REFRESH_TOKEN;
    }
}
