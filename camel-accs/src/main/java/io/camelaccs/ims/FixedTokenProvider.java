package io.camelaccs.ims;

import java.time.Instant;

/**
 * A token supplied by the caller ({@code ACCESS_TOKEN}): sent as is, never refreshed, so a 401 is final.
 */
public final class FixedTokenProvider implements TokenProvider {

    private final AccessToken token;

    public FixedTokenProvider(String token) {
        this.token = new AccessToken(token, Instant.EPOCH, Instant.MAX);
    }

    @Override
    public AccessToken token() {
        return token;
    }

    @Override
    public boolean rejected(AccessToken token) {
        return false;
    }

    @Override
    public String toString() {
        return "FixedTokenProvider[****]";
    }
}
