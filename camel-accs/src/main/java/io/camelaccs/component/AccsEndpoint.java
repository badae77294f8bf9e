package io.camelaccs.component;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.http.Backoff;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.FixedTokenProvider;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.rest.BulkStatusPoller;
import io.camelaccs.rest.CommerceClient;
import io.camelaccs.rest.CommercePlatform;
import io.camelaccs.rest.CommerceMetrics;
import io.camelaccs.rest.JsonBodies;
import io.camelaccs.rest.Operation;
import io.camelaccs.rest.PathTemplate;
import io.camelaccs.rest.RetryPolicy;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call Adobe Commerce as a Cloud Service (ACCS) REST resources, with Adobe IMS authentication handled by the component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "accs", title = "Adobe Commerce as a Cloud Service",
             syntax = "accs:method:path", lenientProperties = true,
             category = { Category.SAAS, Category.API }, headersClass = AccsConstants.class)
public class AccsEndpoint extends ScheduledPollEndpoint implements HeaderFilterStrategyAware {

    private static final Logger LOG = LoggerFactory.getLogger(AccsEndpoint.class);
    /**
     * The exchange property keeping a caller's token (header {@code CamelAccsAccessToken}, consumed) for a redelivery
     * of the same exchange; its value prints no secret. Removed once the call succeeds.
     */
    static final String CALLER_TOKEN_PROPERTY = AccsConstants.CALLER_TOKEN;

    @UriPath(enums = "get,post,put,delete")
    @Metadata(required = true)
    private String method;
    @UriPath
    @Metadata(required = true)
    private String path;
    @UriParam
    private AccsEndpointConfiguration configuration;
    @UriParam(label = "filter,advanced")
    private HeaderFilterStrategy headerFilterStrategy = new AccsHeaderFilterStrategy();

    private final AccsMethod accsMethod;
    private final PathTemplate pathTemplate;
    private String healthCheckId;
    private int startedProducers;
    private AccsProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;
    private Map<String, String> passThroughParameters = Collections.emptyMap();
    /** The catalog's operation, or null when validateOperation=false. */
    private Operation operation;
    private AccsMode mode = AccsMode.SYNC;
    private SearchCriteriaFactory searchCriteriaFactory;

    private volatile CommerceClient client;
    private volatile CommerceMetrics metrics;
    private volatile TokenCache tokenCache;
    /** With INTEGRATION: the integration's access token, signed with or sent as a bearer; null otherwise. */
    private volatile TokenProvider integrationTokens;
    private volatile BulkStatusPoller bulkStatusPoller;
    private volatile JsonBodies jsonBodies;

    public AccsEndpoint(String uri, AccsComponent component, AccsMethod method, String path, AccsEndpointConfiguration configuration) {
        super(uri, component);
        this.accsMethod = method;
        this.method = method.name().toLowerCase(java.util.Locale.ROOT);
        this.path = path;
        this.pathTemplate = new PathTemplate(path);
        this.configuration = configuration;
    }

    @Override
    public AccsComponent getComponent() {
        return (AccsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new AccsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OptionCombinations.checkConsumer(configuration, accsMethod, mode, operation, passThroughParameters,
                getEndpointUri());
        AccsConsumer consumer = new AccsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isLenientProperties() {
        // options that are not ours are path parameters or Commerce query parameters
        return true;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HttpSettings settings = new HttpSettings(configuration.getConnectTimeout(), configuration.getReadTimeout(),
                configuration.getMaxConnections(), configuration.getProxyHost(), configuration.getProxyPort(),
                configuration.getSslContextParameters(), configuration.getConnectionRequestTimeout());
        RetryPolicy retries = new RetryPolicy(configuration.getMaxRetries(),
                new Backoff(Duration.ofMillis(configuration.getRetryDelay()), Duration.ofSeconds(30)),
                Duration.ofMillis(configuration.getRetryTimeout()), configuration.isRetryNonIdempotent());
        // the endpoint's own counters (summed into the component's): its health check judges this endpoint alone
        metrics = getComponent().metrics().child(resourceTemplate());
        getComponent().bindMeters();
        Authentication authentication = Authentication.of(configuration, getComponent().scheduler().clock());
        client = new CommerceClient(configuration.resolveBaseUrl(), getComponent().commerceTransport(settings),
                platform(), authentication.authorizer(), retries, metrics, getComponent().scheduler());
        bulkStatusPoller = new BulkStatusPoller(client, jsonBodies(), Duration.ofMillis(200), Duration.ofSeconds(10));
        integrationTokens = authentication.fixedTokens();
        if (authentication.cached()) {
            tokenCache = getComponent().tokenCache(configuration, settings);
        }
    }

    /** The paths, scope and catalog of the endpoint's Commerce, as option platform chose them. */
    CommercePlatform platform() {
        return configuration.getPlatform().strategy();
    }

    /**
     * The tokens for this exchange: the shared cache, or with ACCESS_TOKEN the header's or option's token. The header
     * is consumed: removed from the message so that the token travels no further (a Kafka header, a log line, a
     * dead-letter copy); a redelivery of the same exchange finds it in an exchange property that shows no secret.
     */
    TokenProvider tokenProvider(Exchange exchange) {
        String token = null;
        if (exchange != null) {
            token = exchange.getMessage().getHeader(AccsConstants.ACCESS_TOKEN, String.class);
            exchange.getMessage().removeHeader(AccsConstants.ACCESS_TOKEN);
        }
        if (tokenCache != null) {
            return tokenCache;
        }
        if (integrationTokens != null) {
            // an integration's access token is configuration, not a caller's: a header does not replace it
            return integrationTokens;
        }
        if (token == null && exchange != null
                && exchange.getProperty(CALLER_TOKEN_PROPERTY) instanceof TokenProvider pending) {
            return pending;
        }
        if (token != null && !token.isBlank()) {
            TokenProvider caller = new FixedTokenProvider(token);
            exchange.setProperty(CALLER_TOKEN_PROPERTY, caller);
            return caller;
        }
        token = configuration.getAccessToken();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("authenticationType ACCESS_TOKEN needs a token: set option accessToken or"
                                               + " header " + AccsConstants.ACCESS_TOKEN);
        }
        return new FixedTokenProvider(token);
    }

    CommerceClient client() {
        return client;
    }

    /** What this endpoint sent to Commerce and how it went; null until started. */
    CommerceMetrics metrics() {
        return metrics;
    }

    /** The shared token cache, or null with ACCESS_TOKEN. */
    TokenCache tokenCache() {
        return tokenCache;
    }

    BulkStatusPoller bulkStatusPoller() {
        return bulkStatusPoller;
    }

    /**
     * Settles what the options mean together, once they are all bound: the operation from the catalog (when
     * validated), the mode, and a search's criteria (parsed now, so that a filter's syntax error stops the route).
     */
    void resolveOperation() {
        mode = AccsMode.parse(configuration.getMode());
        if (configuration.isValidateOperation()) {
            Set<String> queryOptions = new LinkedHashSet<>(passThroughParameters.keySet());
            queryOptions.removeAll(pathTemplate.parameters());
            operation = platform().catalog().require(accsMethod.name(), path, queryOptions, OptionNames.ALL);
        }
        OptionCombinations.checkEndpoint(configuration, accsMethod, path, mode, operation, passThroughParameters);
        if (isSearch()) {
            searchCriteriaFactory = new SearchCriteriaFactory(configuration, getCamelContext());
        }
    }

    /**
     * Whether the operation is a search: as the catalog says, or, for an unvalidated endpoint, when a search option is
     * set.
     */
    boolean isSearch() {
        if (operation != null) {
            return operation.search() && mode == AccsMode.SYNC;
        }
        return mode == AccsMode.SYNC && (configuration.hasSearchOptions() || configuration.getIncrementalField() != null);
    }

    SearchCriteriaFactory searchCriteriaFactory() {
        return searchCriteriaFactory;
    }

    AccsMode mode() {
        return mode;
    }

    /** The operation of the platform's bundled catalog this endpoint calls, or null when not validated. */
    public Operation getOperation() {
        return operation;
    }

    /**
     * The component's JSON bodies, binding with the registry's {@code ObjectMapper} when it holds exactly one
     * (camel-jackson's convention), else with the component's lenient mapper.
     */
    JsonBodies jsonBodies() {
        JsonBodies bodies = jsonBodies;
        if (bodies == null) {
            bodies = getComponent().jsonBodies();
            Set<ObjectMapper> mappers = getCamelContext().getRegistry().findByType(ObjectMapper.class);
            if (mappers.size() == 1) {
                bodies = bodies.bindingWith(mappers.iterator().next());
            } else if (mappers.size() > 1) {
                LOG.debug("{} ObjectMapper beans in the registry: binding with the component's own", mappers.size());
            }
            jsonBodies = bodies;
        }
        return bodies;
    }

    /** The custom headers of this endpoint's requests and responses, as its options and filter strategy say. */
    HeaderBinding headerBinding() {
        return new HeaderBinding(headerFilterStrategy != null ? headerFilterStrategy : new AccsHeaderFilterStrategy(),
                HeaderNamePatterns.parse("requestHeaders", configuration.getRequestHeaders()),
                HeaderNamePatterns.parse("responseHeaders", configuration.getResponseHeaders()));
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    /**
     * To use a custom org.apache.camel.spi.HeaderFilterStrategy to filter headers to and from Commerce. The default,
     * io.camelaccs.component.AccsHeaderFilterStrategy, never sends headers starting with Camel, hop-by-hop headers or
     * the headers the component sets, and never copies a response header starting with Camel. A strategy filters only
     * what options requestHeaders and responseHeaders select; the component's own headers stay protected whatever it
     * says.
     */
    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    AccsMethod accsMethod() {
        return accsMethod;
    }

    PathTemplate pathTemplate() {
        return pathTemplate;
    }

    /** The id of this endpoint's producer health check: after the route that created it, else Camel's endpoint id. */
    String healthCheckId() {
        return healthCheckId != null ? healthCheckId : "producer:accs-" + getId();
    }

    void setHealthCheckId(String healthCheckId) {
        this.healthCheckId = healthCheckId;
    }

    /**
     * Registers the endpoint's producer health check with its first started producer: routes that share the endpoint
     * share its requests' outcome, hence one check, whose id names the route that created the endpoint.
     */
    synchronized void producerStarted() {
        if (startedProducers++ > 0 || !getComponent().isHealthCheckProducerEnabled()) {
            // Camel's producer health switch: camel.health.producers-enabled and the component's option
            return;
        }
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new AccsProducerHealthCheck(this);
            healthCheck.setCamelContext(getCamelContext());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    /** Removes the check with the last producer stopped. */
    synchronized void producerStopped() {
        if (--startedProducers > 0) {
            return;
        }
        startedProducers = 0;
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
        }
        healthCheck = null;
        healthCheckRepository = null;
    }

    /** The template this endpoint's requests are sent to, as its mode makes it: the resource tag of its meters. */
    String resourceTemplate() {
        return switch (mode()) {
            case SYNC -> pathTemplate.template();
            case ASYNC -> platform().asyncTemplate(pathTemplate.template());
            case BULK -> platform().bulkTemplate(pathTemplate.template());
        };
    }

    public String getMethod() {
        return method;
    }

    /**
     * The HTTP method of the operation: get, post, put or delete.
     */
    public void setMethod(String method) {
        this.method = method;
    }

    public String getPath() {
        return path;
    }

    /**
     * The ACCS REST path as in the official schema, such as /V1/products/{sku}. Each {name} is filled
     * per exchange from the endpoint option of that name when the URI sets one (a header never overrides it), else
     * from the message header of that name, URL-encoded.
     */
    public void setPath(String path) {
        this.path = path;
    }

    public AccsEndpointConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsEndpointConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Options that are not the component's: path parameter values and Commerce query parameters. */
    public Map<String, String> getPassThroughParameters() {
        return passThroughParameters;
    }

    void setPassThroughParameters(Map<String, Object> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k, v == null ? "" : v.toString()));
        this.passThroughParameters = Collections.unmodifiableMap(copy);
    }
}
