package io.camelaccs.ims;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A token supplied by the caller ({@code ACCESS_TOKEN}): sent as is, never refreshed, so a 401 is final.
 */
public final class FixedTokenProvider implements TokenProvider {

    private final AccessToken token;
    private final CompletableFuture<AccessToken> ready;

    public FixedTokenProvider(String token) {
        this.token = new AccessToken(token, Instant.EPOCH, Instant.MAX);
        this.ready = CompletableFuture.completedFuture(this.token);
    }

    @Override
    public CompletableFuture<AccessToken> tokenAsync() {
        return ready;
    }

    @Override
    public AccessToken token() {
        return token;
    }

    @Override
    public Verdict rejected(AccessToken token) {
        return Verdict.FINAL;
    }

    @Override
    public String toString() {
        return "FixedTokenProvider[****]";
    }
}
