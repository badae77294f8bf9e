package io.camelaccs.ims;

import java.util.concurrent.CompletableFuture;

/**
 * What a Commerce request asks for its {@code Authorization} header: a token, and a way to report that Commerce
 * rejected it and what a replay with another token showed.
 */
public interface TokenProvider {

    /** What a 401 answered to a request says about the token the request was sent with. */
    enum Verdict {
        /** The token may be the cause and another can be had: replay the request once with {@link #token()}. */
        REPLAY,
        /**
         * A token fetched moments ago for a replay was refused too: the 401 is about a permission the credential
         * lacks, not about the token, and another token would not help.
         */
        NOT_THE_TOKEN,
        /** No other token can be had (a caller's token): the 401 stands, its cause unknown. */
        FINAL
    }

    /** A token to send now; waits (bounded) while one is fetched. */
    AccessToken token();

    /**
     * A token to send, as a future: complete at once when one is at hand, else completed when IMS has answered (or
     * failed when it refused, or did not answer in time). Nobody's thread waits for it.
     */
    default CompletableFuture<AccessToken> tokenAsync() {
        try {
            return CompletableFuture.completedFuture(token());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Where the tokens come from, for messages (client ids masked). */
    default String describe() {
        return "the caller's token";
    }

    /**
     * Commerce answered 401 to a request sent with this token.
     *
     * @return whether a replay with another token makes sense
     */
    Verdict rejected(AccessToken token);

    /** The request replayed with this token after a 401 was answered 401 again: the token is not the cause. */
    default void replayRejected(AccessToken token) {
    }

    /** The request replayed with this token after a 401 went through: the earlier token was the cause. */
    default void replayAccepted(AccessToken token) {
    }
}
