package io.camelaccs.ims;

import java.util.function.Supplier;

/**
 * Where the newest refresh token of a client is kept between token refreshes and across restarts. Implement it to
 * keep refresh tokens in a database or a cache shared by several pods; bind the bean to option {@code tokenStore}.
 * Implementations must be thread-safe and must never log the token.
 * <p>
 * IMS may rotate refresh tokens: once one has been exchanged, a second exchange of it is refused
 * ({@code invalid_grant}). Every exchange therefore runs inside {@link #exchangeExclusively(String, Supplier)}, which
 * reads the newest refresh token under a lock that every holder of the store honours.
 */
public interface TokenStore {

    /** The refresh token kept for this client, or null when there is none. */
    String readRefreshToken(String clientId);

    /** Keeps this refresh token for the client, replacing any older one. */
    void writeRefreshToken(String clientId, String refreshToken);

    /**
     * Runs one refresh-token exchange of this client while no other holder of this store runs one: the exchange reads
     * the refresh token inside, so it always sends the newest one and IMS never sees a refresh token another holder
     * has already rotated. The default serialises the users of this store object (all CamelContexts of a JVM that
     * share the bean). A store shared by several JVMs (a database, a distributed cache) overrides it with a lock all of
     * them honour, such as a row lock or a lease; {@link FileTokenStore} takes a file lock.
     *
     * @param exchange reads the refresh token, exchanges it and writes the rotated one through this store
     * @return what the exchange returned
     */
    default <T> T exchangeExclusively(String clientId, Supplier<T> exchange) {
        synchronized (this) {
            return exchange.get();
        }
    }
}
