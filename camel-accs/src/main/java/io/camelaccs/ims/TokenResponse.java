package io.camelaccs.ims;

/**
 * What IMS returned for one token request: the access token and, in the user flows, a refresh token (null when IMS
 * sent none).
 */
record TokenResponse(AccessToken accessToken, String refreshToken) {

    @Override
    public String toString() {
        return "TokenResponse[" + accessToken + ", refreshToken=" + (refreshToken == null ? "none" : "****") + "]";
    }
}
