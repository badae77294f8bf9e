package io.camelaccs.component;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.platform.Platform;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options the accs: component and its endpoints share: where the tenant is, the credentials, the HTTP transport
 * and the retry policy. The component keeps one instance as the template for its endpoints; each endpoint starts from
 * a copy, so an endpoint option overrides the component's value for that endpoint only.
 * <p>
 * What describes one operation or one consumer (search, paging, consumer, mode, output) is an endpoint option only:
 * it lives in {@link AccsEndpointConfiguration}, and setting it on the component fails.
 */
@UriParams
public class AccsConfiguration extends ConnectionOptions implements Cloneable {

    /** The scopes ACCS server-to-server credentials are granted; commerce.accs is the one that matters. */
    public static final String DEFAULT_SCOPES = ImsClient.ACCS_SCOPES;

    // where
    @UriParam(label = "common")
    private String baseUrl;
    @UriParam(label = "common")
    private String region;
    @UriParam(label = "common")
    private String tenantId;
    @UriParam(label = "common")
    private String storeCode;

    // which Commerce, and the credentials of Adobe Commerce PaaS and Magento Open Source (accessToken is shared)
    @UriParam(label = "common", defaultValue = "CLOUD_SERVICE")
    private Platform platform = Platform.CLOUD_SERVICE;
    @UriParam(label = "security", secret = true)
    private String consumerKey;
    @UriParam(label = "security", secret = true)
    private String consumerSecret;
    @UriParam(label = "security", secret = true)
    private String accessTokenSecret;
    @UriParam(label = "security")
    private boolean integrationAsBearer;
    @UriParam(label = "security", secret = true)
    private String adminUsername;
    @UriParam(label = "security", secret = true)
    private String adminPassword;
    @UriParam(label = "advanced,security", defaultValue = "14400000", javaType = "java.time.Duration")
    private long adminTokenLifetime = 14_400_000;

    // who
    @UriParam(label = "security", defaultValue = DEFAULT_SCOPES)
    private String scopes = DEFAULT_SCOPES;
    @UriParam(label = "security", secret = true)
    private String refreshToken;
    @UriParam(label = "security")
    private TokenStore tokenStore;
    @UriParam(label = "security")
    private String tokenStoreFile;

    // token lifecycle
    @UriParam(label = "advanced,security", defaultValue = "300000", javaType = "java.time.Duration")
    private long tokenRefreshMargin = 300_000;
    @UriParam(label = "advanced,security", defaultValue = "30000", javaType = "java.time.Duration")
    private long tokenExpiryMargin = 30_000;
    @UriParam(label = "advanced,security", defaultValue = "30000", javaType = "java.time.Duration")
    private long imsRefusalCooldown = 30_000;
    @UriParam(label = "advanced,security", defaultValue = "4")
    private int imsMaxRetries = 4;
    @UriParam(label = "advanced,security", defaultValue = "500", javaType = "java.time.Duration")
    private long imsRetryDelay = 500;

    // retries
    @UriParam(label = "producer,retry", defaultValue = "3")
    private int maxRetries = 3;
    @UriParam(label = "producer,retry", defaultValue = "1000", javaType = "java.time.Duration")
    private long retryDelay = 1000;
    @UriParam(label = "producer,retry", defaultValue = "60000", javaType = "java.time.Duration")
    private long retryTimeout = 60_000;
    @UriParam(label = "producer,retry")
    private boolean retryNonIdempotent;

    // http
    @UriParam(label = "advanced,http", defaultValue = "60000", javaType = "java.time.Duration")
    private long connectionRequestTimeout = 60_000;
    @UriParam(label = "advanced,http", defaultValue = "20")
    private int maxConnections = 20;
    @UriParam(label = "advanced,http,proxy")
    private String proxyHost;
    @UriParam(label = "advanced,http,proxy")
    private Integer proxyPort;
    @UriParam(label = "advanced,http,security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "producer,http")
    private String requestHeaders;
    @UriParam(label = "producer,http")
    private String responseHeaders;

    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * The tenant's REST base URL, for example https://na1.api.commerce.adobe.com/TENANT_ID: the endpoint path
     * is appended to it. Give either this or region with tenantId.
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getRegion() {
        return region;
    }

    /**
     * The ACCS region of the tenant, such as na1 or na1-sandbox; with tenantId it makes the base
     * URL https://REGION.api.commerce.adobe.com/TENANT_ID.
     */
    public void setRegion(String region) {
        this.region = region;
    }

    public String getTenantId() {
        return tenantId;
    }

    /**
     * The ACCS tenant id; used with region.
     */
    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getStoreCode() {
        return storeCode;
    }

    /**
     * The store scope (all, default or a store view code): on ACCS sent as the Store header; with platform=PAAS the
     * first segment of the path after baseUrl (/rest/STORE_CODE/V1/...; default: default). The message header
     * CamelAccsStoreCode overrides it per exchange.
     */
    public void setStoreCode(String storeCode) {
        this.storeCode = storeCode;
    }

    public Platform getPlatform() {
        return platform;
    }

    /**
     * Which Commerce the endpoints call: CLOUD_SERVICE (Adobe Commerce as a Cloud Service, the default, with Adobe
     * IMS authentication) or PAAS (Adobe Commerce on cloud infrastructure or on-premises, and Magento Open Source
     * 2.4: baseUrl is the shop's REST root such as https://shop.example.com/rest, the store code goes in the path,
     * authenticationType INTEGRATION, ADMIN_TOKEN or ACCESS_TOKEN). Routes stay the same on both.
     */
    public void setPlatform(Platform platform) {
        this.platform = platform;
    }

    public String getConsumerKey() {
        return consumerKey;
    }

    /**
     * With platform=PAAS and authenticationType=INTEGRATION: the integration's consumer key (System > Extensions >
     * Integrations, shown when the integration is activated).
     */
    public void setConsumerKey(String consumerKey) {
        this.consumerKey = consumerKey;
    }

    public String getConsumerSecret() {
        return consumerSecret;
    }

    /**
     * With authenticationType=INTEGRATION: the integration's consumer secret, a key of the OAuth 1.0a signature. Wrap
     * it in RAW(...) in a URI, or use a property placeholder.
     */
    public void setConsumerSecret(String consumerSecret) {
        this.consumerSecret = consumerSecret;
    }

    public String getAccessTokenSecret() {
        return accessTokenSecret;
    }

    /**
     * With authenticationType=INTEGRATION: the integration's access token secret, the other key of the OAuth 1.0a
     * signature (the access token itself goes in option accessToken).
     */
    public void setAccessTokenSecret(String accessTokenSecret) {
        this.accessTokenSecret = accessTokenSecret;
    }

    public boolean isIntegrationAsBearer() {
        return integrationAsBearer;
    }

    /**
     * With authenticationType=INTEGRATION: send the integration's access token as a bearer instead of signing every
     * request with OAuth 1.0a. Commerce 2.4.4 and later refuse this unless the shop allows it (Stores > Configuration
     * > Services > OAuth > Consumer Settings > Allow OAuth Access Tokens to be used as standalone Bearer tokens);
     * consumerKey, consumerSecret and accessTokenSecret are then not needed.
     */
    public void setIntegrationAsBearer(boolean integrationAsBearer) {
        this.integrationAsBearer = integrationAsBearer;
    }

    public String getAdminUsername() {
        return adminUsername;
    }

    /**
     * With platform=PAAS and authenticationType=ADMIN_TOKEN: the Admin user whose token the component obtains at
     * /V1/integration/admin/token. A shop with two-factor authentication does not issue such tokens: use an
     * integration instead.
     */
    public void setAdminUsername(String adminUsername) {
        this.adminUsername = adminUsername;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    /**
     * With authenticationType=ADMIN_TOKEN: the Admin user's password.
     */
    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public long getAdminTokenLifetime() {
        return adminTokenLifetime;
    }

    /**
     * With authenticationType=ADMIN_TOKEN: how long the shop's admin tokens live (Stores > Configuration > Services >
     * OAuth > Access Token Expiration > Admin Token Lifetime, 4 hours by default); the shop does not say, so the
     * component renews its token tokenRefreshMargin before this ends, and replaces it at once when it meets a 401.
     */
    public void setAdminTokenLifetime(long adminTokenLifetime) {
        this.adminTokenLifetime = adminTokenLifetime;
    }

    public String getScopes() {
        return scopes;
    }

    /**
     * Comma-separated IMS scopes requested for the token; must include commerce.accs.
     */
    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    /**
     * With REFRESH_TOKEN: the first refresh token, used until the token store holds a newer one.
     */
    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    /**
     * With REFRESH_TOKEN: where the newest refresh token is kept (any TokenStore bean, for example a
     * database or a cache shared between pods). Default: in memory, or the file of tokenStoreFile.
     */
    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public String getTokenStoreFile() {
        return tokenStoreFile;
    }

    /**
     * With REFRESH_TOKEN: a file that keeps the newest refresh token across restarts, written with owner-only
     * permissions and replaced atomically.
     */
    public void setTokenStoreFile(String tokenStoreFile) {
        this.tokenStoreFile = tokenStoreFile;
    }

    public long getTokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    /**
     * How long before expiry a token is refreshed in the background while callers keep using it (capped at half the
     * token's lifetime).
     */
    public void setTokenRefreshMargin(long tokenRefreshMargin) {
        this.tokenRefreshMargin = tokenRefreshMargin;
    }

    public long getTokenExpiryMargin() {
        return tokenExpiryMargin;
    }

    /**
     * How long before expiry a token is no longer handed out at all: callers then wait for a new one (capped at a tenth
     * of the token's lifetime).
     */
    public void setTokenExpiryMargin(long tokenExpiryMargin) {
        this.tokenExpiryMargin = tokenExpiryMargin;
    }

    public long getImsRefusalCooldown() {
        return imsRefusalCooldown;
    }

    /**
     * After IMS refuses the credentials (invalid_client, invalid_scope, invalid_grant), how long
     * no further IMS request is made for that client; exchanges meanwhile fail with the refusal.
     */
    public void setImsRefusalCooldown(long imsRefusalCooldown) {
        this.imsRefusalCooldown = imsRefusalCooldown;
    }

    public int getImsMaxRetries() {
        return imsMaxRetries;
    }

    /**
     * How many times a token request is retried after a network error, a 5xx or a 429 from IMS.
     */
    public void setImsMaxRetries(int imsMaxRetries) {
        this.imsMaxRetries = imsMaxRetries;
    }

    public long getImsRetryDelay() {
        return imsRetryDelay;
    }

    /**
     * The first delay between token request retries; it doubles on each retry, with jitter, unless IMS says
     * Retry-After.
     */
    public void setImsRetryDelay(long imsRetryDelay) {
        this.imsRetryDelay = imsRetryDelay;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a Commerce request is retried after a 429, a 502/503/504 or an I/O error (POST only with
     * retryNonIdempotent, unless the request never left: no pooled connection in time, a refused connect).
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /**
     * The first delay between retries of a Commerce request; it doubles on each retry, with jitter, unless Commerce
     * says Retry-After.
     */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryTimeout() {
        return retryTimeout;
    }

    /**
     * The longest time a Commerce request may take with all its retries: no retry starts that would end after it.
     */
    public void setRetryTimeout(long retryTimeout) {
        this.retryTimeout = retryTimeout;
    }

    public boolean isRetryNonIdempotent() {
        return retryNonIdempotent;
    }

    /**
     * Whether POST requests are retried after a 502, 503, 504 or an I/O error too (a read timeout, a reset). Off by
     * default: Commerce may have processed a POST whose answer was lost, and a retry would create a second entity. A
     * POST that never left (no pooled connection in time, a refused connect) is retried either way.
     */
    public void setRetryNonIdempotent(boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
    }

    public long getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    /**
     * Timeout waiting for a connection from the pool to Commerce when all maxConnections are busy. A request that got
     * none was never sent, so it is retried like any request that could not connect, POST included, within maxRetries
     * and retryTimeout.
     */
    public void setConnectionRequestTimeout(long connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * The size of the connection pool to Commerce. Endpoints with the same HTTP settings share one pool; tokens are
     * fetched over a pool of their own, so a token request never waits for a Commerce connection.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * An HTTP proxy host for Commerce and IMS requests.
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    /**
     * The HTTP proxy port; required with proxyHost.
     */
    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /**
     * TLS settings (trust store, key store, protocols) for Commerce and IMS connections.
     */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getRequestHeaders() {
        return requestHeaders;
    }

    /**
     * The message headers sent to Commerce as HTTP headers: a comma-separated list of names, matched ignoring case, in
     * which an asterisk matches any characters (X-Correlation-Id, or X-Custom- and an asterisk for every header
     * starting with X-Custom-). Default: none, so headers that arrive from Kafka, JMS or an HTTP caller never reach
     * Commerce unless named here. The headerFilterStrategy still applies: headers starting with Camel, hop-by-hop
     * headers and the headers the component sets (Authorization, x-api-key, x-gw-ims-org-id, Store, Accept,
     * Content-Type) are never sent, even when named.
     */
    public void setRequestHeaders(String requestHeaders) {
        this.requestHeaders = requestHeaders;
    }

    public String getResponseHeaders() {
        return responseHeaders;
    }

    /**
     * The response headers copied onto the message, under their lower-case names: a comma-separated list of names,
     * matched ignoring case, in which an asterisk matches any characters (x-request-id, or x-magento- and an asterisk).
     * Default: none besides those the component maps itself (CamelAccsDebugId and the other CamelAccs headers). The
     * headerFilterStrategy still applies: a response header starting with Camel is never copied.
     */
    public void setResponseHeaders(String responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    /** The REST base URL this configuration points at, without a trailing slash. */
    public String resolveBaseUrl() {
        String url = baseUrl != null ? baseUrl : "https://" + region + ".api.commerce.adobe.com/" + tenantId;
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The scopes as a list, blanks dropped. */
    public List<String> scopeList() {
        List<String> list = new ArrayList<>();
        if (scopes != null) {
            for (String s : scopes.split(",")) {
                if (!s.isBlank()) {
                    list.add(s.trim());
                }
            }
        }
        return list;
    }

    /** A copy of these settings; the endpoint options too when this is an endpoint's configuration. */
    public AccsConfiguration copy() {
        try {
            return (AccsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Takes over every option of {@code shared}, for an endpoint that starts from its component's settings. */
    final void copyFrom(AccsConfiguration shared) {
        // reflective, so that an option added to this class can never be forgotten in the copy
        copyConnectionOptions(shared);
        for (Field field : AccsConfiguration.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                try {
                    field.set(this, field.get(shared));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot copy option " + field.getName(), e);
                }
            }
        }
    }

    @Override
    public String toString() {
        // names what the configuration points at, never what authenticates it
        return "AccsConfiguration[baseUrl=" + (baseUrl != null ? baseUrl : region + "/" + tenantId)
               + ", platform=" + platform + ", authenticationType=" + getAuthenticationType() + ", clientId="
               + Masking.clientId(getClientId()) + ", imsUrl=" + getImsUrl() + ", storeCode=" + storeCode + "]";
    }
}
