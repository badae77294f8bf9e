package io.camelaccs.webhook;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.URISupport;

/**
 * The {@code accs-webhook:} component: answers the calls Commerce makes during its own operations (webhooks) from a
 * route, received through Camel's {@code platform-http}.
 */
@org.apache.camel.spi.annotations.Component("accs-webhook")
public class AccsWebhookComponent extends DefaultComponent {

    @Metadata
    private AccsWebhookConfiguration configuration = new AccsWebhookConfiguration();

    public AccsWebhookComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank() || remaining.equals("/")) {
            throw new IllegalArgumentException("Invalid accs-webhook endpoint " + URISupport.sanitizeUri(uri)
                                               + ": expected accs-webhook:/path, as in accs-webhook:/hooks/product-save");
        }
        String path = remaining.startsWith("/") ? remaining : "/" + remaining;
        AccsWebhookEndpoint endpoint = new AccsWebhookEndpoint(uri, this, path, configuration.copy());
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    public AccsWebhookConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The component's configuration: every endpoint starts from a copy of it.
     */
    public void setConfiguration(AccsWebhookConfiguration configuration) {
        this.configuration = configuration;
    }
}
