package io.camelaccs.ims;

import java.util.List;

import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/**
 * Server-to-server tokens: {@code grant_type=client_credentials} with the client id, secret and scopes in the form
 * body. IMS issues no refresh token in this flow; a new token is simply requested.
 */
public final class ClientCredentialsSource implements TokenSource {

    private final ImsClient ims;
    private final String clientId;
    private final String clientSecret;
    private final String scope;

    public ClientCredentialsSource(ImsClient ims, String clientId, String clientSecret, List<String> scopes) {
        this.ims = ims;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = String.join(",", scopes);
    }

    @Override
    public AccessToken fetch() {
        List<NameValuePair> form = List.of(
                new BasicNameValuePair("client_id", clientId),
                new BasicNameValuePair("client_secret", clientSecret),
                new BasicNameValuePair("grant_type", "client_credentials"),
                new BasicNameValuePair("scope", scope));
        return ims.requestToken(form, clientId, null).accessToken();
    }

    @Override
    public String describe() {
        return "client_credentials for client " + Masking.clientId(clientId);
    }

    @Override
    public String toString() {
        return "ClientCredentialsSource[" + describe() + "]";
    }
}
