package io.camelaccs.component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.camelaccs.http.HttpSettings;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.ims.FixedTokenProvider;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.rest.CommerceClient;
import io.camelaccs.rest.JsonBodies;
import io.camelaccs.rest.PathTemplate;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Call Adobe Commerce as a Cloud Service (ACCS) REST resources, with Adobe IMS authentication handled by the component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "accs", title = "Adobe Commerce as a Cloud Service",
             syntax = "accs:method:path", producerOnly = true, lenientProperties = true,
             category = { Category.SAAS, Category.API }, headersClass = AccsConstants.class)
public class AccsEndpoint extends DefaultEndpoint {

    @UriPath(enums = "get,post,put,delete")
    @Metadata(required = true)
    private String method;
    @UriPath
    @Metadata(required = true)
    private String path;
    @UriParam
    private AccsConfiguration configuration;

    private final AccsMethod accsMethod;
    private final PathTemplate pathTemplate;
    private Map<String, String> passThroughParameters = Collections.emptyMap();

    private volatile CommerceClient client;
    private volatile TokenCache tokenCache;

    public AccsEndpoint(String uri, AccsComponent component, AccsMethod method, String path, AccsConfiguration configuration) {
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
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The accs component has no consumer yet: use accs: endpoints in to()");
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
                configuration.getSslContextParameters());
        client = new CommerceClient(configuration.resolveBaseUrl(), getComponent().commerceTransport(settings),
                configuration.getClientId(), configuration.getOrgId());
        if (configuration.getAuthenticationType() != AuthenticationType.ACCESS_TOKEN) {
            tokenCache = getComponent().tokenCache(configuration, settings);
        }
    }

    /** The tokens for this exchange: the shared cache, or with ACCESS_TOKEN the header's or option's token. */
    TokenProvider tokenProvider(Exchange exchange) {
        if (tokenCache != null) {
            return tokenCache;
        }
        String token = exchange.getMessage().getHeader(AccsConstants.ACCESS_TOKEN, String.class);
        if (token == null) {
            token = configuration.getAccessToken();
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("authenticationType ACCESS_TOKEN needs a token: set option accessToken or"
                                               + " header " + AccsConstants.ACCESS_TOKEN);
        }
        return new FixedTokenProvider(token);
    }

    CommerceClient client() {
        return client;
    }

    JsonBodies jsonBodies() {
        return new JsonBodies(getComponent().objectMapper());
    }

    AccsMethod accsMethod() {
        return accsMethod;
    }

    PathTemplate pathTemplate() {
        return pathTemplate;
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
     * per exchange from the message header of that name, else from the endpoint option of that name, URL-encoded.
     */
    public void setPath(String path) {
        this.path = path;
    }

    public AccsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Options that are not the component's: path parameter values and Commerce query parameters, in URI order. */
    public Map<String, String> getPassThroughParameters() {
        return passThroughParameters;
    }

    void setPassThroughParameters(Map<String, Object> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k, v == null ? "" : v.toString()));
        this.passThroughParameters = Collections.unmodifiableMap(copy);
    }
}
