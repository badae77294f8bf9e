package io.camelaccs.component;

import java.util.ArrayList;
import java.util.List;

import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.TokenStore;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Every option of the accs: component. The component keeps one instance as the template for its endpoints;
 * each endpoint works on a copy, so an endpoint option overrides the component's value for that endpoint only.
 */
@UriParams
public class AccsConfiguration implements Cloneable {

    /** The scopes ACCS server-to-server credentials are granted; commerce.accs is the one that matters. */
    public static final String DEFAULT_SCOPES = ImsClient.ACCS_SCOPES;
    public static final String DEFAULT_IMS_URL = ImsClient.DEFAULT_IMS_URL;

    // where
    @UriParam(label = "common")
    private String baseUrl;
    @UriParam(label = "common")
    private String region;
    @UriParam(label = "common")
    private String tenantId;
    @UriParam(label = "common")
    private String storeCode;

    // who
    @UriParam(label = "security", defaultValue = "CLIENT_CREDENTIALS")
    private AuthenticationType authenticationType = AuthenticationType.CLIENT_CREDENTIALS;
    @UriParam(label = "security", secret = true)
    private String clientId;
    @UriParam(label = "security", secret = true)
    private String clientSecret;
    @UriParam(label = "security")
    private String orgId;
    @UriParam(label = "security", defaultValue = DEFAULT_SCOPES)
    private String scopes = DEFAULT_SCOPES;
    @UriParam(label = "security", defaultValue = DEFAULT_IMS_URL)
    private String imsUrl = DEFAULT_IMS_URL;
    @UriParam(label = "security", secret = true)
    private String refreshToken;
    @UriParam(label = "security", secret = true)
    private String accessToken;
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

    // behaviour
    @UriParam(label = "producer", defaultValue = "true")
    private boolean throwExceptionOnFailure = true;
    @UriParam(label = "producer", defaultValue = "true")
    private boolean validateOperation = true;
    @UriParam(label = "producer")
    private Class<?> outputClass;
    @UriParam(label = "producer")
    private boolean rawResponse;

    // search
    @UriParam(label = "search")
    private String filter;
    @UriParam(label = "search")
    private String sortOrders;
    @UriParam(label = "search", defaultValue = "100")
    private int pageSize = 100;
    @UriParam(label = "search")
    private Integer currentPage;
    @UriParam(label = "search")
    private boolean fetchAll;
    @UriParam(label = "search", defaultValue = "1")
    private int parallelism = 1;
    @UriParam(label = "search")
    private String idField;

    // incremental sync (consumer)
    @UriParam(label = "consumer")
    private String incrementalField;
    @UriParam(label = "consumer", defaultValue = "1970-01-01 00:00:00")
    private String since = "1970-01-01 00:00:00";
    @UriParam(label = "consumer")
    private String syncId;
    @UriParam(label = "consumer")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean splitResult = true;
    @UriParam(label = "consumer,advanced", defaultValue = "2000", javaType = "java.time.Duration")
    private long incrementalOverlap = 2000;
    @UriParam(label = "consumer")
    private int maxMessagesPerPoll;

    // retries
    @UriParam(label = "producer,retry", defaultValue = "3")
    private int maxRetries = 3;
    @UriParam(label = "producer,retry", defaultValue = "1000", javaType = "java.time.Duration")
    private long retryDelay = 1000;
    @UriParam(label = "producer,retry", defaultValue = "60000", javaType = "java.time.Duration")
    private long retryTimeout = 60_000;
    @UriParam(label = "producer,retry")
    private boolean retryNonIdempotent;

    // async and bulk
    @UriParam(label = "producer,bulk", defaultValue = "sync", enums = "sync,async,bulk")
    private String mode = "sync";
    @UriParam(label = "producer,bulk")
    private boolean waitForCompletion;
    @UriParam(label = "producer,bulk", defaultValue = "300000", javaType = "java.time.Duration")
    private long completionTimeout = 300_000;

    // http
    @UriParam(label = "advanced,http", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced,http", defaultValue = "60000", javaType = "java.time.Duration")
    private long readTimeout = 60_000;
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
     * The store scope sent as the Store header (all, default or a store view code). The message
     * header CamelAccsStoreCode overrides it per exchange.
     */
    public void setStoreCode(String storeCode) {
        this.storeCode = storeCode;
    }

    public AuthenticationType getAuthenticationType() {
        return authenticationType;
    }

    /**
     * How the component authenticates: CLIENT_CREDENTIALS (server-to-server, the default), REFRESH_TOKEN
     * (user authentication, a refresh token exchanged for access tokens) or ACCESS_TOKEN (a token supplied by
     * the caller, never refreshed).
     */
    public void setAuthenticationType(AuthenticationType authenticationType) {
        this.authenticationType = authenticationType;
    }

    public String getClientId() {
        return clientId;
    }

    /**
     * The client id (API key) of the Adobe Developer Console credential; also sent as x-api-key.
     */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /**
     * The client secret of the credential. Wrap it in RAW(...) in a URI, or use a property placeholder: a
     * plus sign in a plain URI value becomes a space.
     */
    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getOrgId() {
        return orgId;
    }

    /**
     * The IMS organization id (ending in AdobeOrg); sent as x-gw-ims-org-id when set.
     */
    public void setOrgId(String orgId) {
        this.orgId = orgId;
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

    public String getImsUrl() {
        return imsUrl;
    }

    /**
     * The Adobe IMS base URL; tokens are requested from its /ims/token/v3 path.
     */
    public void setImsUrl(String imsUrl) {
        this.imsUrl = imsUrl;
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

    public String getAccessToken() {
        return accessToken;
    }

    /**
     * With ACCESS_TOKEN: the access token to send. The message header CamelAccsAccessToken overrides it
     * per exchange.
     */
    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
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

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    /**
     * Whether a Commerce error response (4xx, 5xx) fails the exchange with an AccsApiException. When false, the
     * parsed error body becomes the message body and CamelAccsResponseCode tells the status.
     */
    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public boolean isValidateOperation() {
        return validateOperation;
    }

    /**
     * Whether the method, path and query options are checked against the bundled ACCS operation catalog when the
     * endpoint is created. Set to false for a tenant's extension endpoints, which the official schema does not list.
     */
    public void setValidateOperation(boolean validateOperation) {
        this.validateOperation = validateOperation;
    }

    public Class<?> getOutputClass() {
        return outputClass;
    }

    /**
     * A class the JSON response is bound to (with Jackson) instead of Map/List. With fetchAll, each item is bound.
     * Fields the class does not declare are ignored, Commerce's date-times bind to java.time, and the registry's
     * ObjectMapper binds when it holds exactly one.
     */
    public void setOutputClass(Class<?> outputClass) {
        this.outputClass = outputClass;
    }

    public boolean isRawResponse() {
        return rawResponse;
    }

    /**
     * Whether the response body is kept as the bytes Commerce sent, unparsed.
     */
    public void setRawResponse(boolean rawResponse) {
        this.rawResponse = rawResponse;
    }

    public String getFilter() {
        return filter;
    }

    /**
     * Search filter: conditions field op value over the Commerce condition types (eq, neq, gt, gteq, lt, lteq, like,
     * nlike, in, nin, finset, nfinset, from, to, moreq, null, notnull), combined as AND of OR-groups, for example
     * updated_at gteq '2026-01-01' and (type_id eq 'simple' or type_id eq 'virtual'). Simple expressions such as
     * ${exchangeProperty.since} are evaluated per exchange. The header CamelAccsSearchCriteria overrides it.
     */
    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getSortOrders() {
        return sortOrders;
    }

    /**
     * Search sort orders, for example updated_at asc, entity_id asc.
     */
    public void setSortOrders(String sortOrders) {
        this.sortOrders = sortOrders;
    }

    public int getPageSize() {
        return pageSize;
    }

    /**
     * Search page size, always sent on search operations: without it Commerce returns every match in one response.
     */
    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public Integer getCurrentPage() {
        return currentPage;
    }

    /**
     * Search page to fetch (1-based). Ignored with fetchAll.
     */
    public void setCurrentPage(Integer currentPage) {
        this.currentPage = currentPage;
    }

    public boolean isFetchAll() {
        return fetchAll;
    }

    /**
     * Whether a search returns every item of every page as a lazy iterator: a page is fetched only when the previous
     * one has been consumed. It pages by keyset on idField (each page asks for the items after the last one seen), so
     * an item matching the filter for the whole walk is delivered once whatever changes meanwhile; by page number
     * where no keyset exists. Use it with .split(body()).streaming().
     */
    public void setFetchAll(boolean fetchAll) {
        this.fetchAll = fetchAll;
    }

    public int getParallelism() {
        return parallelism;
    }

    /**
     * With fetchAll: how many id ranges of the search are walked side by side, each by keyset, with at most this many
     * page requests in flight. The range from the lowest to the highest entity id under the filter is split evenly
     * (numeric ids); pages are delivered as they arrive, so the items are not in sort order across ranges (1 keeps the
     * order). Needs a keyset walk: a known entity id field (or option idField) and a sort on at most one field besides
     * the id.
     */
    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public String getIncrementalField() {
        return incrementalField;
    }

    /**
     * Consumer: the field whose value grows with each change, typically updated_at. Each poll asks for the items at or
     * after the watermark, sorted by this field and then idField, and advances the watermark as exchanges complete.
     */
    public void setIncrementalField(String incrementalField) {
        this.incrementalField = incrementalField;
    }

    public String getIdField() {
        return idField;
    }

    /**
     * The entity id field a search filters and sorts on: fetchAll pages by keyset on it, and the consumer orders items
     * sharing one incremental value by it. Read from the item's field of that name (for entity_id, else from its id).
     * Default: the resource's known id (entity_id on products, orders, invoices, credit memos, shipments, returns,
     * customers, categories and carts; item_id on order items; transaction_id on transactions); the consumer falls back
     * to entity_id (sku on inventory source items), fetchAll to page numbers.
     */
    public void setIdField(String idField) {
        this.idField = idField;
    }

    public String getSince() {
        return since;
    }

    /**
     * Consumer: where a sync starts when the state repository holds no watermark yet, in Commerce's format
     * (yyyy-MM-dd HH:mm:ss, UTC).
     */
    public void setSince(String since) {
        this.since = since;
    }

    public String getSyncId() {
        return syncId;
    }

    /**
     * Consumer: the key of the watermark in the state repository. Default: the route id. Give it explicitly when
     * several nodes (behind master:) or route versions share one watermark.
     */
    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    /**
     * Consumer: where the watermark is kept: a Camel StateRepository such as FileStateRepository, or any bean.
     * Default: in memory (a restart starts again from since).
     */
    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public boolean isSplitResult() {
        return splitResult;
    }

    /**
     * Consumer: one exchange per item (true) or one per page, its body the list of items (false).
     */
    public void setSplitResult(boolean splitResult) {
        this.splitResult = splitResult;
    }

    public long getIncrementalOverlap() {
        return incrementalOverlap;
    }

    /**
     * Consumer: how far before the watermark each poll looks again, for items saved in the same second as the
     * watermark or committed late; changes already delivered are recognised and skipped.
     */
    public void setIncrementalOverlap(long incrementalOverlap) {
        this.incrementalOverlap = incrementalOverlap;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /**
     * Consumer: the most exchanges one poll delivers (0: no limit); the next poll continues from the watermark.
     */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a Commerce request is retried after a 429, a 502/503/504 or an I/O error (POST only with
     * retryNonIdempotent).
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
     * Whether POST requests are retried after a 502, 503, 504 or an I/O error too. Off by default: Commerce may have processed a
     * POST whose answer was lost, and a retry would create a second entity.
     */
    public void setRetryNonIdempotent(boolean retryNonIdempotent) {
        this.retryNonIdempotent = retryNonIdempotent;
    }

    public String getMode() {
        return mode;
    }

    /**
     * sync (the default) calls the operation; async sends it to /V1/async/... (Commerce queues it); bulk sends a JSON
     * array of request bodies to /V1/async/bulk/..., with each path parameter {name} replaced by the literal byName.
     */
    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /**
     * With mode async or bulk: whether to poll /V1/bulk/{bulkUuid}/status until every operation is done, and fail
     * listing the operations that failed.
     */
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    public long getCompletionTimeout() {
        return completionTimeout;
    }

    /**
     * With waitForCompletion: how long to wait for the bulk operations to finish.
     */
    public void setCompletionTimeout(long completionTimeout) {
        this.completionTimeout = completionTimeout;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Timeout to establish a connection to Commerce or IMS.
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    /**
     * Timeout waiting for response data from Commerce or IMS, and for a pooled connection.
     */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
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

    /** Whether any option that only a search takes is set. */
    boolean hasSearchOptions() {
        return filter != null || sortOrders != null || currentPage != null || fetchAll;
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

    public AccsConfiguration copy() {
        try {
            return (AccsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // names what the configuration points at, never what authenticates it
        return "AccsConfiguration[baseUrl=" + (baseUrl != null ? baseUrl : region + "/" + tenantId)
               + ", authenticationType=" + authenticationType + ", clientId=" + Masking.clientId(clientId)
               + ", imsUrl=" + imsUrl + ", storeCode=" + storeCode + "]";
    }
}
