package io.camelaccs.component;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Stubs of the IMS token endpoint, and the credentials the tests use (checked for in logs and messages).
 */
final class ImsStubs {

    static final String CLIENT_ID = "test-client-id-0001";
    static final String CLIENT_SECRET = "p8e-SECRET-never-in-logs";
    static final String ORG_ID = "ABCDEF0123456789@AdobeOrg";
    static final String TOKEN_PATH = "/ims/token/v3";

    private ImsStubs() {
    }

    static void tokenIssued(WireMockExtension wm, String token, long expiresIn) {
        wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenResponse(token, expiresIn)));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenResponse(String token, long expiresIn) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
    }

    static int tokenRequests(WireMockExtension wm) {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
    }

    static WireMock client(WireMockExtension wm) {
        return wm.getRuntimeInfo().getWireMock();
    }

    /** A component pointed at the WireMock server: tenant under {@code tenantPath}, IMS at its root, test credentials. */
    static AccsComponent componentFor(WireMockExtension wm, String tenantPath) {
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(wm.baseUrl() + tenantPath);
        accs.getConfiguration().setImsUrl(wm.baseUrl());
        accs.getConfiguration().setClientId(CLIENT_ID);
        accs.getConfiguration().setClientSecret(CLIENT_SECRET);
        return accs;
    }
}
