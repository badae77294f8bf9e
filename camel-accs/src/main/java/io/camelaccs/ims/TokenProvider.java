package io.camelaccs.ims;

/**
 * What a Commerce request asks for its {@code Authorization} header: a token, and a way to report that Commerce
 * rejected it.
 */
public interface TokenProvider {

    /** A token to send now. */
    AccessToken token();

    /**
     * Commerce answered 401 to a request sent with this token.
     *
     * @return whether a different token can be had, so that replaying the request makes sense
     */
    boolean rejected(AccessToken token);
}
