package io.camelaccs.component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.http.Scheduler;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.ClientCredentialsSource;
import io.camelaccs.ims.FileTokenStore;
import io.camelaccs.ims.ImsClient;
import io.camelaccs.ims.InMemoryTokenStore;
import io.camelaccs.ims.Masking;
import io.camelaccs.ims.RefreshTokenSource;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.ims.TokenSource;
import io.camelaccs.ims.TokenStore;
import io.camelaccs.metrics.Meters;
import io.camelaccs.platform.AdminTokenSource;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.rest.JsonBodies;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;

/**
 * The {@code accs:} component: Adobe Commerce as a Cloud Service REST resources with Adobe IMS authentication.
 * <p>
 * A component instance is one tenant and one set of credentials: its endpoints share connection pools and token
 * caches. For several tenants or credentials, register several instances ({@code accsEu}, {@code accsUs}).
 */
@Component("accs")
@ManagedResource(description = "Adobe Commerce as a Cloud Service component: tokens and requests")
public class AccsComponent extends HealthCheckComponent implements HeaderFilterStrategyAware {

    /** IMS connections are few and short; a pool of their own keeps token fetches off the Commerce pool. */
    private static final int IMS_POOL_SIZE = 4;

    @Metadata
    private AccsConfiguration configuration = new AccsConfiguration();
    // HeaderFilterStrategyComponent's option; this class extends HealthCheckComponent, so it declares it itself
    @Metadata(label = "filter,advanced",
              description = "To use a custom org.apache.camel.spi.HeaderFilterStrategy to filter headers to and from"
                            + " Commerce, for every endpoint that does not set its own.")
    private HeaderFilterStrategy headerFilterStrategy;

    private final Map<HttpSettings, HttpTransport> commerceTransports = new ConcurrentHashMap<>();
    private final Map<HttpSettings, HttpTransport> imsTransports = new ConcurrentHashMap<>();
    private final Map<TokenKey, TokenCache> tokenCaches = new ConcurrentHashMap<>();
    private final Map<Path, TokenStore> fileStores = new ConcurrentHashMap<>();
    /** The doubtful settings told at WARN already (ConfigurationValidator), once each for this component. */
    private final Set<String> doubtsTold = ConcurrentHashMap.newKeySet();
    private final TokenStore memoryStore = new InMemoryTokenStore();
    private final JsonBodies jsonBodies = new JsonBodies(new ObjectMapper());
    // the clock is read when used, so that setClock before start reaches the metrics too
    private final CommerceMetrics metrics = new CommerceMetrics(this::now);
    private volatile ComponentThreads threads;
    /** Token requests under way: the component's stop ends their retry pauses. */
    private final Calls imsCalls = new Calls();
    /** Per route id: the calls of its exchanges, ended when the route begins to stop. */
    private final RouteCallsIndex routeCalls = new RouteCallsIndex(this::getCamelContext);
    private Clock clock = Clock.systemUTC();
    /** This component's meters once a registry was found; looked up again at each endpoint start until then. */
    private volatile ComponentMeters meters;
    private final ProducerCheckIds producerCheckIds = new ProducerCheckIds();

    public AccsComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int colon = remaining.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Invalid accs endpoint " + URISupport.sanitizeUri(uri)
                                               + ": expected accs:method:path, as in accs:get:/V1/products/{sku}");
        }
        AccsMethod method = AccsMethod.parse(remaining.substring(0, colon));
        String path = remaining.substring(colon + 1);
        // before the other options, as camel-http does: a bean reference, not a pass-through query parameter
        HeaderFilterStrategy strategy = resolveAndRemoveReferenceParameter(parameters, "headerFilterStrategy",
                HeaderFilterStrategy.class);
        // a Kamelet property left unset is an option left unset
        UnsetPlaceholders.removeFrom(parameters);
        AccsEndpoint endpoint = new AccsEndpoint(UnsetPlaceholders.removeFrom(uri), this, method, path,
                new AccsEndpointConfiguration(configuration));
        if (strategy != null) {
            endpoint.setHeaderFilterStrategy(strategy);
        } else if (headerFilterStrategy != null) {
            endpoint.setHeaderFilterStrategy(headerFilterStrategy);
        }
        OptionNames.warnAboutSpelling(parameters.keySet());
        EnumOptionValues.check(new AccsEndpointConfigurer(), parameters, "accs");
        setProperties(endpoint, parameters);
        // what is left is not an option of ours: path parameters and Commerce query parameters (fields, storeId, ...)
        endpoint.setPassThroughParameters(parameters);
        parameters.clear();
        AccsEndpointConfiguration conf = endpoint.getConfiguration();
        new ConfigurationValidator(conf, doubtsTold).validate();
        ParallelPages.checkOptions(path, conf, endpoint.getPassThroughParameters());
        endpoint.setCamelContext(getCamelContext());
        // endpoints are created while their route is: the route names the producer's health check
        endpoint.setHealthCheckId(producerCheckIds.idFor(instanceName(),
                getCamelContext().getCamelContextExtension().getCreateRoute(), uri));
        endpoint.resolveOperation();
        if (conf.getAuthenticationType() == AuthenticationType.REFRESH_TOKEN && conf.getRefreshToken() == null
                && tokenStore(conf).readRefreshToken(conf.getClientId()) == null) {
            throw new IllegalArgumentException("Option refreshToken is required with authenticationType REFRESH_TOKEN"
                                               + " unless the token store already holds one for the client: run the"
                                               + " login helper (java -jar camel-accs-login-<version>.jar, artifact"
                                               + " io.camelaccs:camel-accs-login) to store one in "
                                               + (conf.getTokenStoreFile() != null ? "tokenStoreFile" : "tokenStore"));
        }
        return endpoint;
    }

    /** The Commerce connection pool for these settings, shared by the endpoints that have them. */
    HttpTransport commerceTransport(HttpSettings settings) {
        return commerceTransports.computeIfAbsent(settings, s -> new HttpTransport(s, getCamelContext()));
    }

    /**
     * The token cache of this configuration's grant, shared by every endpoint of this component whose settings would
     * fetch tokens the same way: IMS URL and its HTTP settings, client and secret, scopes, grant, refresh token and
     * store, margins, IMS retries and cool-down. An endpoint that differs in any of them gets a cache of its own, so
     * that no setting is silently ignored.
     */
    TokenCache tokenCache(AccsConfiguration conf, HttpSettings settings) {
        TokenStore store = conf.getAuthenticationType() == AuthenticationType.REFRESH_TOKEN ? tokenStore(conf) : null;
        HttpSettings imsSettings = settings.withMaxConnections(IMS_POOL_SIZE);
        TokenKey key = TokenKey.of(conf, imsSettings, store);
        return tokenCaches.computeIfAbsent(key, k -> {
            HttpTransport ims = imsTransports.computeIfAbsent(imsSettings, s -> new HttpTransport(s, getCamelContext()));
            ImsClient client = new ImsClient(conf.getImsUrl(), ims, conf.getImsMaxRetries(),
                    Duration.ofMillis(conf.getImsRetryDelay()), scheduler(), imsCalls);
            TokenSource source = switch (conf.getAuthenticationType()) {
                case CLIENT_CREDENTIALS -> new ClientCredentialsSource(client, conf.getClientId(), conf.getClientSecret(),
                        conf.scopeList());
                case REFRESH_TOKEN -> new RefreshTokenSource(client, conf.getClientId(), conf.getClientSecret(),
                        conf.getRefreshToken(), store);
                // the shop's own token route, over the token pool like IMS: never waits for a Commerce connection
                case ADMIN_TOKEN -> new AdminTokenSource(ims, conf.resolveBaseUrl() + conf.getPlatform().strategy()
                        .path(new CommerceRequest("POST", "", List.of(), null, conf.getStoreCode())),
                        conf.getAdminUsername(), conf.getAdminPassword(),
                        Duration.ofMillis(conf.getAdminTokenLifetime()), clock);
                case ACCESS_TOKEN, INTEGRATION -> throw new IllegalStateException(
                        conf.getAuthenticationType() + " tokens are not cached");
            };
            return new TokenCache(source, Duration.ofMillis(conf.getTokenRefreshMargin()),
                    Duration.ofMillis(conf.getTokenExpiryMargin()), Duration.ofMillis(conf.getImsRefusalCooldown()),
                    TokenCache.DEFAULT_UNAUTHORIZED_GRACE, Duration.ofMillis(conf.getTokenTimeout()),
                    threads().tokenRefresh(), scheduler());
        });
    }

    /**
     * The token cache for these settings, for the other component of this jar ({@code accs-events:}): it shares this
     * component's caches, so one token serves both when IMS URL, client, scopes and grant are the same.
     */
    public TokenCache sharedTokenCache(AccsConfiguration conf) {
        return tokenCache(conf, new HttpSettings(conf.getConnectTimeout(), conf.getReadTimeout(),
                conf.getMaxConnections(), conf.getProxyHost(), conf.getProxyPort(), conf.getSslContextParameters(),
                conf.getConnectionRequestTimeout()));
    }

    /** The refresh token store a configuration names: its bean, its file, or the component's memory store. */
    TokenStore tokenStore(AccsConfiguration conf) {
        if (conf.getTokenStore() != null) {
            return conf.getTokenStore();
        }
        if (conf.getTokenStoreFile() != null) {
            Path file = Path.of(conf.getTokenStoreFile()).toAbsolutePath().normalize();
            return fileStores.computeIfAbsent(file, FileTokenStore::new);
        }
        return memoryStore;
    }

    /** The token caches of this component, for health checks and consoles. */
    public List<TokenCache> tokenCaches() {
        return List.copyOf(tokenCaches.values());
    }

    @ManagedAttribute(description = "HTTP requests sent to Commerce, retries and replays included")
    public long getRequestCount() {
        return metrics.requests();
    }

    @ManagedAttribute(description = "Retries after a 429, a 502/503/504 or an I/O error")
    public long getRetryCount() {
        return metrics.retries();
    }

    @ManagedAttribute(description = "429 answers received from Commerce")
    public long getRateLimitedCount() {
        return metrics.rateLimitedResponses();
    }

    @ManagedAttribute(description = "401 answers received from Commerce")
    public long getUnauthorizedCount() {
        return metrics.unauthorizedResponses();
    }

    @ManagedAttribute(description = "Tokens fetched from IMS, all clients")
    public long getTokenFetchCount() {
        return tokenCaches.values().stream().mapToLong(TokenCache::fetchCount).sum();
    }

    @ManagedAttribute(description = "Failed token requests, all clients")
    public long getTokenFailureCount() {
        return tokenCaches.values().stream().mapToLong(TokenCache::failureCount).sum();
    }

    @ManagedAttribute(description = "Per client (id masked): token age, expiry, fetches and last IMS error")
    public String getTokenSummary() {
        return AccsDevConsole.describe(getDefaultName(), this).get("tokens").toString();
    }

    JsonBodies jsonBodies() {
        return jsonBodies;
    }

    /** What this component's endpoints sent to Commerce. */
    public CommerceMetrics metrics() {
        return metrics;
    }

    /**
     * Binds this component's meters to the application's Micrometer registry, when there is one: at an endpoint's
     * start, as a registry may be bound after the component started (camel-micrometer binds its own late).
     */
    void bindMeters() {
        if (meters == null) {
            synchronized (this) {
                if (meters == null) {
                    meters = ComponentMeters.bind(this);
                }
            }
        }
    }

    /** The name this instance has in its context ({@code accs}, or {@code accsEu} for another instance). */
    String instanceName() {
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) == this) {
                return name;
            }
        }
        return getDefaultName();
    }

    /** The component's threads, created when the first endpoint starts: a component never used starts none. */
    private ComponentThreads threads() {
        ComponentThreads t = threads;
        if (t == null) {
            synchronized (this) {
                t = threads;
                if (t == null) {
                    t = new ComponentThreads(this, getCamelContext().getExecutorServiceManager(), clock,
                            configuration.getMaxConnections());
                    threads = t;
                }
            }
        }
        return t;
    }

    /** The clock, timer and workers of every request of this component's endpoints. */
    Scheduler scheduler() {
        return threads().scheduler();
    }

    /** Where an exchange continues its route after a wait (a pause, a token). */
    Executor continuations() {
        return threads().continuations();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        imsCalls.open();
        // hears of removed routes and of route stops Camel gave up on
        getCamelContext().addLifecycleStrategy(routeCalls);
    }

    /**
     * The calls of the exchanges of this route, which its graceful stop ends; null when no such route is running (a
     * ProducerTemplate's exchange).
     */
    Calls routeCalls(String routeId) {
        return routeCalls.callsOf(routeId);
    }

    /** How many routes the component follows the calls of: for tests, removed routes must not count. */
    int followedRouteCount() {
        return routeCalls.size();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getCamelContext().getLifecycleStrategies().remove(routeCalls);
        synchronized (this) {
            if (meters != null) {
                meters.close();
                meters = null;
            }
        }
        imsCalls.stop("the accs component stopped");
        synchronized (this) {
            if (threads != null) {
                threads.shutdown();
                threads = null;
            }
        }
        tokenCaches.clear();
        commerceTransports.values().forEach(HttpTransport::close);
        commerceTransports.clear();
        imsTransports.values().forEach(HttpTransport::close);
        imsTransports.clear();
    }

    public AccsConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The component's configuration: the tenant, credentials, HTTP and retry settings every endpoint starts from.
     * Search, paging, consumer and output options are set on each endpoint: an {@link AccsEndpointConfiguration}
     * is refused here, as its endpoint options would silently apply to no endpoint.
     */
    public void setConfiguration(AccsConfiguration configuration) {
        if (configuration instanceof AccsEndpointConfiguration) {
            throw new IllegalArgumentException("The accs component's configuration must be an AccsConfiguration, not an"
                                               + " AccsEndpointConfiguration: the endpoint options (" + String.join(", ",
                                                       AccsEndpointConfiguration.endpointOnlyOptions())
                                               + ") are set on each endpoint's URI");
        }
        this.configuration = configuration;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    /**
     * To use a custom org.apache.camel.spi.HeaderFilterStrategy to filter headers to and from Commerce, for every
     * endpoint that does not set its own.
     */
    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    /** Now, by the component's clock. */
    Instant now() {
        return clock.instant();
    }

    /** The clock token lifetimes, deadlines and HTTP dates are read from; replaceable in tests (before start). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Everything that shapes how a cache fetches its tokens. Secrets take part in equality but never in
     * {@link #toString()}.
     */
    private record TokenKey(String imsUrl, String clientId, String clientSecret, List<String> scopes,
            AuthenticationType grant, String refreshToken, TokenStore store, long refreshMargin, long expiryMargin,
            long refusalCooldown, int imsMaxRetries, long imsRetryDelay, long tokenTimeout, HttpSettings imsHttp,
            AdminKey admin) {

        static TokenKey of(AccsConfiguration conf, HttpSettings imsHttp, TokenStore store) {
            return new TokenKey(conf.getImsUrl(), conf.getClientId(), conf.getClientSecret(), conf.scopeList(),
                    conf.getAuthenticationType(), conf.getRefreshToken(), store, conf.getTokenRefreshMargin(),
                    conf.getTokenExpiryMargin(), conf.getImsRefusalCooldown(), conf.getImsMaxRetries(),
                    conf.getImsRetryDelay(), conf.getTokenTimeout(), imsHttp, AdminKey.of(conf));
        }

        @Override
        public String toString() {
            return "TokenKey[" + imsUrl + ", " + Masking.clientId(clientId) + ", " + grant + "]";
        }
    }

    /**
     * What shapes an admin token besides the common settings: the shop, the store its route is called at, the user
     * and the lifetime; null for IMS grants, whose caches endpoints of every store share.
     */
    private record AdminKey(String baseUrl, String storeCode, String username, String password, long lifetime) {

        static AdminKey of(AccsConfiguration conf) {
            if (conf.getAuthenticationType() != AuthenticationType.ADMIN_TOKEN) {
                return null;
            }
            return new AdminKey(conf.resolveBaseUrl(), conf.getStoreCode(), conf.getAdminUsername(),
                    conf.getAdminPassword(), conf.getAdminTokenLifetime());
        }

        @Override
        public String toString() {
            return "AdminKey[" + baseUrl + "]";
        }
    }
}
