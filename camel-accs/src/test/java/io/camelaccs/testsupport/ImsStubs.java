package io.camelaccs.testsupport;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Stubs of the IMS token endpoint, and the credentials the tests use (checked for in logs and messages).
 */
public final class ImsStubs {

    public static final String CLIENT_ID = "test-client-id-0001";
    public static final String CLIENT_SECRET = "p8e-SECRET-never-in-logs";
    public static final String ORG_ID = "ABCDEF0123456789@AdobeOrg";
    public static final String TOKEN_PATH = "/ims/token/v3";

    private ImsStubs() {
    }

    public static void tokenIssued(WireMockExtension wm, String token, long expiresIn) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse(token, expiresIn)));
    }

    public static ResponseDefinitionBuilder tokenResponse(String token, long expiresIn) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
    }

    public static int tokenRequests(WireMockExtension wm) {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
    }
}
