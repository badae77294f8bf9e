package io.camelaccs.webhook;

import java.security.PublicKey;

import io.camelaccs.component.AccsComponent;
import org.apache.camel.Component;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Answer Adobe Commerce webhooks (the calls Commerce makes during a product save, a cart add, a shipping rate or an
 * order, and waits for) from a route, through platform-http.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "accs-webhook", title = "Adobe Commerce Webhooks",
             syntax = "accs-webhook:path", consumerOnly = true,
             category = { Category.SAAS, Category.API }, headersClass = AccsWebhookConstants.class)
public class AccsWebhookEndpoint extends DefaultEndpoint {

    @UriPath
    @Metadata(required = true)
    private String path;
    @UriParam
    private AccsWebhookConfiguration configuration;

    AccsWebhookEndpoint(String uri, AccsWebhookComponent component, String path, AccsWebhookConfiguration configuration) {
        super(uri, component);
        this.path = path;
        this.configuration = configuration;
    }

    @Override
    public AccsWebhookComponent getComponent() {
        return (AccsWebhookComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("accs-webhook is a consumer only: Commerce calls it");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        AccsWebhookConsumer consumer = new AccsWebhookConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Every option checked once bound, so that a mistake stops the route at start-up with the option named. */
    void validate() {
        if (configuration.getReplyTimeout() <= 0) {
            throw new IllegalArgumentException("Option replyTimeout must be a positive duration, such as 4500 (the default,"
                                               + " milliseconds) or 2s, got " + configuration.getReplyTimeout());
        }
        if (configuration.getMaxBodySize() <= 0) {
            throw new IllegalArgumentException("Option maxBodySize must be positive, got " + configuration.getMaxBodySize());
        }
        if (configuration.getFallbackOperation() == null) {
            throw new IllegalArgumentException("Option fallbackOperation must be EXCEPTION or SUCCESS");
        }
        if (configuration.getFallbackMessage() == null || configuration.getFallbackMessage().isBlank()) {
            throw new IllegalArgumentException("Option fallbackMessage must be a text a shopper may read, such as the"
                                               + " default: " + AccsWebhookConfiguration.DEFAULT_FALLBACK_MESSAGE);
        }
        if (configuration.isVerifySignature() && configuration.getPublicKey() == null) {
            throw new IllegalArgumentException("Option publicKey is required for accs-webhook:" + path + " (the key the"
                                               + " Commerce Admin shows under Stores > Settings > Configuration > Adobe"
                                               + " Services > Webhooks, as PEM text, file:, classpath: or #bean:);"
                                               + " or set verifySignature=false for a Commerce that does not sign");
        }
        if (configuration.isSubscribe()) {
            subscription();
            Component accs = getCamelContext().getComponent(configuration.getAccsComponent());
            if (!(accs instanceof AccsComponent)) {
                throw new IllegalArgumentException("Option accsComponent of accs-webhook:" + path + " names '"
                                                   + configuration.getAccsComponent() + "', which is "
                                                   + (accs == null ? "not a component" : "not an accs component")
                                                   + ": subscribe=true subscribes with an accs component's credentials");
            }
        } else if (configuration.isUnsubscribeOnStop()) {
            throw new IllegalArgumentException("Option unsubscribeOnStop of accs-webhook:" + path + " needs"
                                               + " subscribe=true: only a hook the route subscribed is unsubscribed");
        }
    }

    /** The subscription subscribe=true asks for, checked. */
    HookSubscription subscription() {
        return new HookSubscription(configuration, path);
    }

    /** The key calls are verified with, or {@code null} when verifySignature=false. */
    PublicKey publicKey() {
        return configuration.isVerifySignature() ? PublicKeyOption.resolve(configuration.getPublicKey(), getCamelContext())
                : null;
    }

    public String getPath() {
        return path;
    }

    /**
     * The HTTP path Commerce calls, through platform-http, such as /hooks/product-save.
     */
    public void setPath(String path) {
        this.path = path;
    }

    public AccsWebhookConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AccsWebhookConfiguration configuration) {
        this.configuration = configuration;
    }
}
