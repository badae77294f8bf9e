package io.camelaccs.ims;

/**
 * What IMS returned for one token request: the access token and, in the user flows, a refresh token (null when IMS
 * sent none). Public as the result of {@link ImsClient#requestToken}; {@link #toString()} shows neither token.
 *
 * @param accessToken  the access token with its expiry
 * @param refreshToken the refresh token, or null
 */
public record TokenResponse(AccessToken accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "TokenResponse[" + accessToken + ", refreshToken=" + (refreshToken == null ? "none" : "****") + "]";
    }
}
