package io.camelaccs.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

import io.camelaccs.component.EnumOptionValues;
import io.camelaccs.metrics.Meters;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;

/**
 * The {@code accs-webhook:} component: answers the calls Commerce makes during its own operations (webhooks) from a
 * route, received through Camel's {@code platform-http}.
 */
@org.apache.camel.spi.annotations.Component("accs-webhook")
@ManagedResource(description = "Adobe Commerce webhooks: answers, refusals, fallbacks, late answers, rejected requests")
public class AccsWebhookComponent extends HealthCheckComponent {

    @Metadata
    private AccsWebhookConfiguration configuration = new AccsWebhookConfiguration();

    private final List<AccsWebhookConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<AccsWebhookConsumer, AccsWebhookHealthCheck> healthChecks = new ConcurrentHashMap<>();
    private final Map<AccsWebhookConsumer, Meters> meters = new ConcurrentHashMap<>();

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
        EnumOptionValues.check(new AccsWebhookEndpointConfigurer(), parameters, "accs-webhook");
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    /** Lists a started consumer, with a readiness check of its own (Camel's consumer health switch applies). */
    void register(AccsWebhookConsumer consumer) {
        consumers.add(consumer);
        meters.put(consumer, WebhookMeters.bind(consumer, getCamelContext()));
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && isHealthCheckConsumerEnabled()) {
            // named after the route, so that the id stays the same when the route changes its options
            AccsWebhookHealthCheck check = new AccsWebhookHealthCheck(consumer,
                    consumer.getRouteId() != null ? consumer.getRouteId() : consumer.getPath());
            check.setCamelContext(getCamelContext());
            registry.register(check);
            healthChecks.put(consumer, check);
        }
    }

    void unregister(AccsWebhookConsumer consumer) {
        consumers.remove(consumer);
        Meters bound = meters.remove(consumer);
        if (bound != null) {
            bound.close();
        }
        AccsWebhookHealthCheck check = healthChecks.remove(consumer);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (check != null && registry != null) {
            registry.unregister(check);
        }
    }

    /** The running consumers of this component, for the dev console. */
    List<AccsWebhookConsumer> consumers() {
        return List.copyOf(consumers);
    }

    @ManagedAttribute(description = "Calls answered with the route's own answer (success or its operations)")
    public long getCallsAnswered() {
        return sum(c -> c.metrics().answeredCount());
    }

    @ManagedAttribute(description = "Calls answered exception with the message of an AccsWebhookException the route threw")
    public long getAnsweredWithRouteException() {
        return sum(c -> c.metrics().routeExceptionCount());
    }

    @ManagedAttribute(description = "Calls answered exception with fallbackMessage: the route failed otherwise or was"
                                    + " rolled back")
    public long getFallbacksOnError() {
        return sum(c -> c.metrics().fallbackOnErrorCount());
    }

    @ManagedAttribute(description = "Calls answered fallbackOperation because the route was later than replyTimeout")
    public long getLateAnswers() {
        return sum(c -> c.metrics().lateCount());
    }

    @ManagedAttribute(description = "Calls answered fallbackOperation at once because every route thread was busy")
    public long getBusyAnswers() {
        return sum(c -> c.metrics().busyCount());
    }

    @ManagedAttribute(description = "Calls whose route answered an invalid operation: Commerce was answered"
                                    + " fallbackMessage instead")
    public long getInvalidOperations() {
        return sum(c -> c.metrics().invalidOperationCount());
    }

    @ManagedAttribute(description = "Requests refused before the route: 401 (unsigned, forged, no or a wrong IMS token),"
                                    + " 400 (not a JSON object), 413 (over maxBodySize)")
    public long getRequestsRejected() {
        return sum(c -> c.metrics().rejectedCount());
    }

    private long sum(ToLongFunction<AccsWebhookConsumer> counter) {
        return consumers.stream().mapToLong(counter).sum();
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
