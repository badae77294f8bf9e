package io.camelaccs.component;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.ImsClient;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options every scheme that calls Adobe has in common: who authenticates, at which IMS, and the HTTP timeouts.
 * Declared once, here, so that {@code accs:} and {@code accs-events:} describe, validate and document them alike
 * (Camel's metadata generator follows inherited {@code @UriParam} fields).
 * <p>
 * Each field keeps what was set, or {@code null} (UNSET for the durations) when nothing was: the getters answer the
 * default then. This is what lets an {@code accs-events:} endpoint take every option it leaves unset from its
 * {@code accs} component ({@link #overlayOnto(AccsConfiguration)}) while an {@code accs:} endpoint simply sees the
 * defaults.
 */
@UriParams
public abstract class ConnectionOptions {

    public static final String DEFAULT_IMS_URL = ImsClient.DEFAULT_IMS_URL;
    // a duration nobody sets: Long fields would lose the Duration conversion (PT30S) in the generated configurers
    private static final long UNSET = Long.MIN_VALUE;
    static final long DEFAULT_TOKEN_TIMEOUT = 60_000;
    static final long DEFAULT_CONNECT_TIMEOUT = 10_000;
    static final long DEFAULT_READ_TIMEOUT = 60_000;

    @UriParam(label = "security", defaultValue = "CLIENT_CREDENTIALS")
    private AuthenticationType authenticationType;
    @UriParam(label = "security", secret = true)
    private String clientId;
    @UriParam(label = "security", secret = true)
    private String clientSecret;
    @UriParam(label = "security")
    private String orgId;
    @UriParam(label = "security", defaultValue = DEFAULT_IMS_URL)
    private String imsUrl;
    @UriParam(label = "security", secret = true)
    private String accessToken;
    @UriParam(label = "advanced,security", defaultValue = "60000", javaType = "java.time.Duration")
    private long tokenTimeout = UNSET;

    @UriParam(label = "advanced,http", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = UNSET;
    @UriParam(label = "advanced,http", defaultValue = "60000", javaType = "java.time.Duration")
    private long readTimeout = UNSET;

    public AuthenticationType getAuthenticationType() {
        return authenticationType != null ? authenticationType : AuthenticationType.CLIENT_CREDENTIALS;
    }

    /**
     * How the component authenticates: CLIENT_CREDENTIALS (server-to-server, the default), REFRESH_TOKEN (user
     * authentication, a refresh token exchanged for access tokens) or ACCESS_TOKEN (a token supplied by the caller,
     * never refreshed); with platform=PAAS on accs:, INTEGRATION (an integration's OAuth 1.0a credentials) or
     * ADMIN_TOKEN (an Admin user's token, renewed). On accs-events, unset means the accs component's.
     */
    public void setAuthenticationType(AuthenticationType authenticationType) {
        this.authenticationType = authenticationType;
    }

    public String getClientId() {
        return clientId;
    }

    /**
     * The client id (API key) of the Adobe Developer Console credential; sent as x-api-key, and compared with each
     * I/O Events webhook event's recipient_client_id. On accs-events, unset means the accs component's.
     */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /**
     * The client secret of the credential. Wrap it in RAW(...) in a URI, or use a property placeholder: a plus sign
     * in a plain URI value becomes a space. On accs-events, unset means the accs component's.
     */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getOrgId() {
        return orgId;
    }

    /**
     * The IMS organization id (ending in AdobeOrg); sent to Commerce as x-gw-ims-org-id when set, and to I/O Events as
     * x-ims-org-id (the journal needs it). On accs-events, unset means the accs component's.
     */
    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getImsUrl() {
        return imsUrl != null ? imsUrl : DEFAULT_IMS_URL;
    }

    /**
     * The Adobe IMS base URL; tokens are requested from its /ims/token/v3 path. On accs-events, unset means the accs
     * component's.
     */
    public void setImsUrl(String imsUrl) {
        this.imsUrl = imsUrl;
    }

    public String getAccessToken() {
        return accessToken;
    }

    /**
     * With ACCESS_TOKEN: the access token to send. On accs:, the message header CamelAccsAccessToken overrides it per
     * exchange; with INTEGRATION (platform=PAAS), the integration's access token, which no header overrides; on
     * accs-events, unset means the accs component's.
     */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public long getTokenTimeout() {
        return tokenTimeout != UNSET ? tokenTimeout : DEFAULT_TOKEN_TIMEOUT;
    }

    /**
     * How long an exchange or a journal poll waits for a token being fetched from IMS (after startup, or once the
     * last one expired) before it fails with an error saying so, and health goes DOWN; the wait holds no thread. On
     * accs-events, unset means the accs component's, and another value gives accs-events a token cache of its own.
     */
    public void setTokenTimeout(long tokenTimeout) {
        this.tokenTimeout = tokenTimeout;
    }

    public long getConnectTimeout() {
        return connectTimeout != UNSET ? connectTimeout : DEFAULT_CONNECT_TIMEOUT;
    }

    /**
     * Timeout to establish a connection to Commerce, IMS, the journal or the key server. On accs-events, unset means
     * the accs component's.
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout != UNSET ? readTimeout : DEFAULT_READ_TIMEOUT;
    }

    /**
     * Timeout waiting for response data from Commerce, IMS, the journal or the key server. A POST whose answer did not
     * come in time is not retried unless retryNonIdempotent=true: Commerce may have processed it. On accs-events,
     * unset means the accs component's.
     */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    /** Takes over every option of {@code shared} as it was set (unset stays unset). */
    final void copyConnectionOptions(ConnectionOptions shared) {
        // reflective, so that an option added to this class can never be forgotten in the copy
        for (Field field : ConnectionOptions.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                try {
                    field.set(this, field.get(shared));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot copy option " + field.getName(), e);
                }
            }
        }
    }

    /** Lays every option set here over {@code target}; what is unset here stays as {@code target} has it. */
    protected final void overlayOnto(AccsConfiguration target) {
        if (authenticationType != null) {
            target.setAuthenticationType(authenticationType);
        }
        if (clientId != null) {
            target.setClientId(clientId);
        }
        if (clientSecret != null) {
            target.setClientSecret(clientSecret);
        }
        if (orgId != null) {
            target.setOrgId(orgId);
        }
        if (imsUrl != null) {
            target.setImsUrl(imsUrl);
        }
        if (accessToken != null) {
            target.setAccessToken(accessToken);
        }
        if (tokenTimeout != UNSET) {
            target.setTokenTimeout(tokenTimeout);
        }
        if (connectTimeout != UNSET) {
            target.setConnectTimeout(connectTimeout);
        }
        if (readTimeout != UNSET) {
            target.setReadTimeout(readTimeout);
        }
    }
}
