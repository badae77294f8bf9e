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
 * <p>
 * A rotated refresh token is the only one IMS accepts from then on: when the store cannot keep it (a full disk, a
 * database down), it is kept in memory, used for the next refresh, and written again before that refresh, until a
 * write succeeds. The failure is logged without the token. A restart before a successful write starts from the token
 * the store still holds, which IMS may refuse: the user then signs in again with the login helper.
 */
public final class RefreshTokenSource implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenSource.class);

    private final ImsClient ims;
    private final String clientId;
    private final String clientSecret;
    private final String initialRefreshToken;
    private final TokenStore store;
    /** The newest refresh token while the store could not keep it, else null: it, not the store's, is exchanged. */
    private volatile String unsaved;

    public RefreshTokenSource(ImsClient ims, String clientId, String clientSecret, String initialRefreshToken,
                              TokenStore store) {
        this.ims = ims;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.initialRefreshToken = initialRefreshToken;
        this.store = store;
    }

    private String currentRefreshToken() {
        String pending = unsaved;
        if (pending != null) {
            return pending;
        }
        String stored = store.readRefreshToken(clientId);
        return stored != null ? stored : initialRefreshToken;
    }

    @Override
    public AccessToken fetch() {
        // another holder of the store (a second CamelContext, a second pod) may have rotated the token meanwhile
        return store.exchangeExclusively(clientId, this::exchange);
    }

    private AccessToken exchange() {
        // a rotated token the store refused last time: written again first, so the store catches up as soon as it can
        saveUnsaved();
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
            // from now on IMS may accept only this one: kept in memory before the store is asked
            unsaved = response.refreshToken();
            saveUnsaved();
        }
        return response.accessToken();
    }

    /** Writes the refresh token the store has not kept yet; a failure leaves it in memory for the next refresh. */
    private void saveUnsaved() {
        String pending = unsaved;
        if (pending == null) {
            return;
        }
        try {
            store.writeRefreshToken(clientId, pending);
            unsaved = null;
            LOG.debug("IMS returned a new refresh token for client {}; kept in {}", Masking.clientId(clientId),
                    store.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // the access token is good: failing the refresh would lose the only refresh token IMS still accepts
            String why = e.getMessage() == null ? "" : ": " + e.getMessage().replace(pending, "****");
            LOG.warn("Cannot keep the new refresh token of client {} in {} ({}{}). It is used from memory and written"
                     + " again at the next refresh; a restart before that starts from the older token in the store,"
                     + " which IMS may refuse (then sign in again with the login helper)", Masking.clientId(clientId),
                    store.getClass().getSimpleName(), e.getClass().getSimpleName(), why);
        }
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
