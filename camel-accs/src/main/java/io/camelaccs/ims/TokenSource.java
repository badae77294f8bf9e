package io.camelaccs.ims;

/**
 * Obtains a new access token from IMS by one grant. Implementations do no caching: {@link TokenCache} decides when
 * to call them.
 */
public interface TokenSource {

    /** Requests a new token; throws {@link AccsAuthenticationException} when IMS does not issue one. */
    AccessToken fetch();

    /** Names the grant and client (masked) for logs and consoles. */
    String describe();
}
