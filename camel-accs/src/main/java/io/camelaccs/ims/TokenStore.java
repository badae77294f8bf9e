package io.camelaccs.ims;

/**
 * Where the newest refresh token of a client is kept between token refreshes and across restarts. Implement it to
 * keep refresh tokens in a database or a cache shared by several pods; bind the bean to option {@code tokenStore}.
 * Implementations must be thread-safe and must never log the token.
 */
public interface TokenStore {

    /** The refresh token kept for this client, or null when there is none. */
    String readRefreshToken(String clientId);

    /** Keeps this refresh token for the client, replacing any older one. */
    void writeRefreshToken(String clientId, String refreshToken);
}
