package io.camelaccs.ims;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps refresh tokens in memory: a restart falls back to the {@code refreshToken} option. The default store.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @Override
    public String readRefreshToken(String clientId) {
        return tokens.get(clientId);
    }

    @Override
    public void writeRefreshToken(String clientId, String refreshToken) {
        tokens.put(clientId, refreshToken);
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[" + tokens.size() + " client(s)]";
    }
}
