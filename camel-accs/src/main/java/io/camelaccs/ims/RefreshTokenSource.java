package io.camelaccs.ims;

import java.util.ArrayList;
import java.util.List;

import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User authentication: exchanges the newest refresh token for an access token
 * ({@code grant_type=refresh_token}). A confidential client authenticates with {@code Authorization: Basic}, a public
 * client (no secret) sends its {@code client_id}. Whether IMS rotates refresh tokens is not documented, so whatever new
 * refresh token it returns is written to the {@link TokenStore} before the access token is used. The refresh token is
 * read and exchanged under the store's lock, so holders sharing a store never send one that another has rotated.
 */
public final class RefreshTokenSource implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenSource.class);

    private final ImsClient ims;
    private final String clientId;
    private final String clientSecret;
    private final String initialRefreshToken;
    private final TokenStore store;

    public RefreshTokenSource(ImsClient ims, String clientId, String clientSecret, String initialRefreshToken,
                              TokenStore store) {
        this.ims = ims;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.initialRefreshToken = initialRefreshToken;
        this.store = store;
    }

    private String currentRefreshToken() {
        String stored = store.readRefreshToken(clientId);
        return stored != null ? stored : initialRefreshToken;
    }

    @Override
    public AccessToken fetch() {
        // another holder of the store (a second CamelContext, a second pod) may have rotated the token meanwhile
        return store.exchangeExclusively(clientId, this::exchange);
    }

    private AccessToken exchange() {
        String refreshToken = currentRefreshToken();
        if (refreshToken == null) {
            throw new AccsAuthenticationException("No refresh token for client " + Masking.clientId(clientId)
                                                  + ": run the login helper to store one, or set option refreshToken",
                    0, null, null, null, null);
        }
        List<NameValuePair> form = new ArrayList<>();
        form.add(new BasicNameValuePair("grant_type", "refresh_token"));
        form.add(new BasicNameValuePair("refresh_token", refreshToken));
        if (clientSecret == null) {
            form.add(new BasicNameValuePair("client_id", clientId));
        }
        TokenResponse response = ims.requestToken(form, clientId, clientSecret);
        if (response.refreshToken() != null && !response.refreshToken().equals(refreshToken)) {
            store.writeRefreshToken(clientId, response.refreshToken());
            LOG.debug("IMS returned a new refresh token for client {}; kept in {}", Masking.clientId(clientId),
                    store.getClass().getSimpleName());
        }
        return response.accessToken();
    }

    @Override
    public String describe() {
        return "refresh_token for client " + Masking.clientId(clientId);
    }

    @Override
    public String toString() {
        return "RefreshTokenSource[" + describe() + "]";
    }
}
