package io.camelaccs.component.springboot;

import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.platform.Platform;
import java.time.Duration;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every option of the accs: component, bound from {@code camel.component.accs.*} (relaxed binding: client-id,
 * clientId and CAMEL_COMPONENT_ACCS_CLIENTID all work). Only the options that are set reach the component: its
 * own defaults, listed in the configuration metadata, apply to the rest.
 * <p>
 * Generated from accs.json by StarterSourceGenerator (test sources) - do not edit by hand.
 */
@ConfigurationProperties(prefix = "camel.component.accs")
public class AccsComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the accs component. This is enabled by default.
     */
    private Boolean enabled;
    /**
     * The tenant's REST base URL, for example https://na1.api.commerce.adobe.com/TENANT_ID: the endpoint path is
     * appended to it. Give either this or region with tenantId.
     */
    private String baseUrl;
    /**
     * The component's configuration: the tenant, credentials, HTTP and retry settings every endpoint starts from.
     * Search, paging, consumer and output options are set on each endpoint: an AccsEndpointConfiguration is refused
     * here, as its endpoint options would silently apply to no endpoint.
     */
    private AccsConfiguration configuration;
    /**
     * Which Commerce the endpoints call: CLOUD_SERVICE (Adobe Commerce as a Cloud Service, the default, with Adobe IMS
     * authentication) or PAAS (Adobe Commerce on cloud infrastructure or on-premises, and Magento Open Source 2.4:
     * baseUrl is the shop's REST root such as https://shop.example.com/rest, the store code goes in the path,
     * authenticationType INTEGRATION, ADMIN_TOKEN or ACCESS_TOKEN). Routes stay the same on both.
     */
    private Platform platform;
    /**
     * The ACCS region of the tenant, such as na1 or na1-sandbox; with tenantId it makes the base URL
     * https://REGION.api.commerce.adobe.com/TENANT_ID.
     */
    private String region;
    /**
     * The store scope (all, default or a store view code): on ACCS sent as the Store header; with platform=PAAS the
     * first segment of the path after baseUrl (/rest/STORE_CODE/V1/...; default: default). The message header
     * CamelAccsStoreCode overrides it per exchange.
     */
    private String storeCode;
    /**
     * The ACCS tenant id; used with region.
     */
    private String tenantId;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as
     * a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and
     * therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook
     * into the 3rd party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * To use a custom org.apache.camel.spi.HeaderFilterStrategy to filter headers to and from Commerce, for every
     * endpoint that does not set its own.
     */
    private HeaderFilterStrategy headerFilterStrategy;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by
     * default disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * Timeout waiting for a connection from the pool to Commerce when all maxConnections are busy. A request that got
     * none was never sent, so it is retried like any request that could not connect, POST included, within maxRetries
     * and retryTimeout.
     */
    private Duration connectionRequestTimeout;
    /**
     * Timeout to establish a connection to Commerce, IMS, the journal or the key server. On accs-events, unset means
     * the accs component's.
     */
    private Duration connectTimeout;
    /**
     * The size of the connection pool to Commerce. Endpoints with the same HTTP settings share one pool; tokens are
     * fetched over a pool of their own, so a token request never waits for a Commerce connection.
     */
    private Integer maxConnections;
    /**
     * Timeout waiting for response data from Commerce, IMS, the journal or the key server. A POST whose answer did not
     * come in time is not retried unless retryNonIdempotent=true: Commerce may have processed it. On accs-events,
     * unset means the accs component's.
     */
    private Duration readTimeout;
    /**
     * The message headers sent to Commerce as HTTP headers: a comma-separated list of names, matched ignoring case, in
     * which an asterisk matches any characters (X-Correlation-Id, or X-Custom- and an asterisk for every header
     * starting with X-Custom-). Default: none, so headers that arrive from Kafka, JMS or an HTTP caller never reach
     * Commerce unless named here. The headerFilterStrategy still applies: headers starting with Camel, hop-by-hop
     * headers and the headers the component sets (Authorization, x-api-key, x-gw-ims-org-id, Store, Accept,
     * Content-Type) are never sent, even when named.
     */
    private String requestHeaders;
    /**
     * The response headers copied onto the message, under their lower-case names: a comma-separated list of names,
     * matched ignoring case, in which an asterisk matches any characters (x-request-id, or x-magento- and an
     * asterisk). Default: none besides those the component maps itself (CamelAccsDebugId and the other CamelAccs
     * headers). The headerFilterStrategy still applies: a response header starting with Camel is never copied.
     */
    private String responseHeaders;
    /**
     * An HTTP proxy host for Commerce and IMS requests.
     */
    private String proxyHost;
    /**
     * The HTTP proxy port; required with proxyHost.
     */
    private Integer proxyPort;
    /**
     * How many times a Commerce request is retried after a 429, a 502/503/504 or an I/O error (POST only with
     * retryNonIdempotent, unless the request never left: no pooled connection in time, a refused connect).
     */
    private Integer maxRetries;
    /**
     * The first delay between retries of a Commerce request; it doubles on each retry, with jitter, unless Commerce
     * says Retry-After.
     */
    private Duration retryDelay;
    /**
     * Whether POST requests are retried after a 502, 503, 504 or an I/O error too (a read timeout, a reset). Off by
     * default: Commerce may have processed a POST whose answer was lost, and a retry would create a second entity. A
     * POST that never left (no pooled connection in time, a refused connect) is retried either way.
     */
    private Boolean retryNonIdempotent;
    /**
     * The longest time a Commerce request may take with all its retries: no retry starts that would end after it.
     */
    private Duration retryTimeout;
    /**
     * With ACCESS_TOKEN: the access token to send. On accs:, the message header CamelAccsAccessToken overrides it per
     * exchange; with INTEGRATION (platform=PAAS), the integration's access token, which no header overrides; on
     * accs-events, unset means the accs component's.
     */
    private String accessToken;
    /**
     * With authenticationType=INTEGRATION: the integration's access token secret, the other key of the OAuth 1.0a
     * signature (the access token itself goes in option accessToken).
     */
    private String accessTokenSecret;
    /**
     * With authenticationType=ADMIN_TOKEN: the Admin user's password.
     */
    private String adminPassword;
    /**
     * With authenticationType=ADMIN_TOKEN: how long the shop's admin tokens live (Stores Configuration Services OAuth
     * Access Token Expiration Admin Token Lifetime, 4 hours by default); the shop does not say, so the component
     * renews its token tokenRefreshMargin before this ends, and replaces it at once when it meets a 401.
     */
    private Duration adminTokenLifetime;
    /**
     * With platform=PAAS and authenticationType=ADMIN_TOKEN: the Admin user whose token the component obtains at
     * /V1/integration/admin/token. A shop with two-factor authentication does not issue such tokens: use an
     * integration instead.
     */
    private String adminUsername;
    /**
     * How the component authenticates: CLIENT_CREDENTIALS (server-to-server, the default), REFRESH_TOKEN (user
     * authentication, a refresh token exchanged for access tokens) or ACCESS_TOKEN (a token supplied by the caller,
     * never refreshed); with platform=PAAS on accs:, INTEGRATION (an integration's OAuth 1.0a credentials) or
     * ADMIN_TOKEN (an Admin user's token, renewed). On accs-events, unset means the accs component's.
     */
    private AuthenticationType authenticationType;
    /**
     * The client id (API key) of the Adobe Developer Console credential; sent as x-api-key, and compared with each I/O
     * Events webhook event's recipient_client_id. On accs-events, unset means the accs component's.
     */
    private String clientId;
    /**
     * The client secret of the credential. Wrap it in RAW(...) in a URI, or use a property placeholder: a plus sign in
     * a plain URI value becomes a space. On accs-events, unset means the accs component's.
     */
    private String clientSecret;
    /**
     * With platform=PAAS and authenticationType=INTEGRATION: the integration's consumer key (System Extensions
     * Integrations, shown when the integration is activated).
     */
    private String consumerKey;
    /**
     * With authenticationType=INTEGRATION: the integration's consumer secret, a key of the OAuth 1.0a signature. Wrap
     * it in RAW(...) in a URI, or use a property placeholder.
     */
    private String consumerSecret;
    /**
     * How many times a token request is retried after a network error, a 5xx or a 429 from IMS.
     */
    private Integer imsMaxRetries;
    /**
     * After IMS refuses the credentials (invalid_client, invalid_scope, invalid_grant), how long no further IMS
     * request is made for that client; exchanges meanwhile fail with the refusal.
     */
    private Duration imsRefusalCooldown;
    /**
     * The first delay between token request retries; it doubles on each retry, with jitter, unless IMS says
     * Retry-After.
     */
    private Duration imsRetryDelay;
    /**
     * The Adobe IMS base URL; tokens are requested from its /ims/token/v3 path. On accs-events, unset means the accs
     * component's.
     */
    private String imsUrl;
    /**
     * With authenticationType=INTEGRATION: send the integration's access token as a bearer instead of signing every
     * request with OAuth 1.0a. Commerce 2.4.4 and later refuse this unless the shop allows it (Stores Configuration
     * Services OAuth Consumer Settings Allow OAuth Access Tokens to be used as standalone Bearer tokens); consumerKey,
     * consumerSecret and accessTokenSecret are then not needed.
     */
    private Boolean integrationAsBearer;
    /**
     * The IMS organization id (ending in AdobeOrg); sent to Commerce as x-gw-ims-org-id when set, and to I/O Events as
     * x-ims-org-id (the journal needs it). On accs-events, unset means the accs component's.
     */
    private String orgId;
    /**
     * With REFRESH_TOKEN: the first refresh token, used until the token store holds a newer one.
     */
    private String refreshToken;
    /**
     * Comma-separated IMS scopes requested for the token; must include commerce.accs.
     */
    private String scopes;
    /**
     * TLS settings (trust store, key store, protocols) for Commerce and IMS connections.
     */
    private SSLContextParameters sslContextParameters;
    /**
     * How long before expiry a token is no longer handed out at all: callers then wait for a new one (capped at a
     * tenth of the token's lifetime).
     */
    private Duration tokenExpiryMargin;
    /**
     * How long before expiry a token is refreshed in the background while callers keep using it (capped at half the
     * token's lifetime).
     */
    private Duration tokenRefreshMargin;
    /**
     * With REFRESH_TOKEN: where the newest refresh token is kept (any TokenStore bean, for example a database or a
     * cache shared between pods). Default: in memory, or the file of tokenStoreFile.
     */
    private TokenStore tokenStore;
    /**
     * With REFRESH_TOKEN: a file that keeps the newest refresh token across restarts, written with owner-only
     * permissions and replaced atomically.
     */
    private String tokenStoreFile;
    /**
     * How long an exchange or a journal poll waits for a token being fetched from IMS (after startup, or once the last
     * one expired) before it fails with an error saying so, and health goes DOWN; the wait holds no thread. On
     * accs-events, unset means the accs component's, and another value gives accs-events a token cache of its own.
     */
    private Duration tokenTimeout;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public AccsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsConfiguration configuration) {
        this.configuration = configuration;
    }

    public Platform getPlatform() {
        return platform;
    }

    public void setPlatform(Platform platform) {
        this.platform = platform;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getStoreCode() {
        return storeCode;
    }

    public void setStoreCode(String storeCode) {
        this.storeCode = storeCode;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public Duration getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    public void setConnectionRequestTimeout(Duration connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public String getRequestHeaders() {
        return requestHeaders;
    }

    public void setRequestHeaders(String requestHeaders) {
        this.requestHeaders = requestHeaders;
    }

    public String getResponseHeaders() {
        return responseHeaders;
    }

    public void setResponseHeaders(String responseHeaders) {
        this.responseHeaders = responseHeaders;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Boolean getRetryNonIdempotent() {
        return retryNonIdempotent;
    }

    public void setRetryNonIdempotent(Boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
    }

    public Duration getRetryTimeout() {
        return retryTimeout;
    }

    public void setRetryTimeout(Duration retryTimeout) {
        this.retryTimeout = retryTimeout;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getAccessTokenSecret() {
        return accessTokenSecret;
    }

    public void setAccessTokenSecret(String accessTokenSecret) {
        this.accessTokenSecret = accessTokenSecret;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public Duration getAdminTokenLifetime() {
        return adminTokenLifetime;
    }

    public void setAdminTokenLifetime(Duration adminTokenLifetime) {
        this.adminTokenLifetime = adminTokenLifetime;
    }

    public String getAdminUsername() {
        return adminUsername;
    }

    public void setAdminUsername(String adminUsername) {
        this.adminUsername = adminUsername;
    }

    public AuthenticationType getAuthenticationType() {
        return authenticationType;
    }

    public void setAuthenticationType(AuthenticationType authenticationType) {
        this.authenticationType = authenticationType;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getConsumerKey() {
        return consumerKey;
    }

    public void setConsumerKey(String consumerKey) {
        this.consumerKey = consumerKey;
    }

    public String getConsumerSecret() {
        return consumerSecret;
    }

    public void setConsumerSecret(String consumerSecret) {
        this.consumerSecret = consumerSecret;
    }

    public Integer getImsMaxRetries() {
        return imsMaxRetries;
    }

    public void setImsMaxRetries(Integer imsMaxRetries) {
        this.imsMaxRetries = imsMaxRetries;
    }

    public Duration getImsRefusalCooldown() {
        return imsRefusalCooldown;
    }

    public void setImsRefusalCooldown(Duration imsRefusalCooldown) {
        this.imsRefusalCooldown = imsRefusalCooldown;
    }

    public Duration getImsRetryDelay() {
        return imsRetryDelay;
    }

    public void setImsRetryDelay(Duration imsRetryDelay) {
        this.imsRetryDelay = imsRetryDelay;
    }

    public String getImsUrl() {
        return imsUrl;
    }

    public void setImsUrl(String imsUrl) {
        this.imsUrl = imsUrl;
    }

    public Boolean getIntegrationAsBearer() {
        return integrationAsBearer;
    }

    public void setIntegrationAsBearer(Boolean integrationAsBearer) {
        this.integrationAsBearer = integrationAsBearer;
    }

    public String getOrgId() {
        return orgId;
    }

    public void setOrgId(String orgId) {
        this.orgId = orgId;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Duration getTokenExpiryMargin() {
        return tokenExpiryMargin;
    }

    public void setTokenExpiryMargin(Duration tokenExpiryMargin) {
        this.tokenExpiryMargin = tokenExpiryMargin;
    }

    public Duration getTokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
        this.tokenRefreshMargin = tokenRefreshMargin;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public String getTokenStoreFile() {
        return tokenStoreFile;
    }

    public void setTokenStoreFile(String tokenStoreFile) {
        this.tokenStoreFile = tokenStoreFile;
    }

    public Duration getTokenTimeout() {
        return tokenTimeout;
    }

    public void setTokenTimeout(Duration tokenTimeout) {
        this.tokenTimeout = tokenTimeout;
    }
}
