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
    ACCESS_TOKEN
}
