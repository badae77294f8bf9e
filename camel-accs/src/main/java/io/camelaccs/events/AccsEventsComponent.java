package io.camelaccs.events;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.EnumOptionValues;
import io.camelaccs.component.UnsetPlaceholders;
import io.camelaccs.http.HttpSettings;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.metrics.Meters;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.URISupport;

/**
 * The {@code accs-events:} component: Commerce events from Adobe I/O Events, pulled from a journal
 * ({@code accs-events:journal?journalUrl=...}) or pushed to a webhook ({@code accs-events:webhook:/path}).
 * <p>
 * IMS and HTTP options not set here are the {@code accs} component's, and tokens come from its caches: one set of
 * settings, and one token when client, secret and scopes match.
 */
@org.apache.camel.spi.annotations.Component("accs-events")
@ManagedResource(description = "Adobe Commerce events: received, duplicates dropped, signature failures")
public class AccsEventsComponent extends HealthCheckComponent {

    @Metadata
    private AccsEventsConfiguration configuration = new AccsEventsConfiguration();

    private final Map<HttpSettings, HttpTransport> transports = new ConcurrentHashMap<>();
    private final List<EventsConsumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<EventsConsumer, AccsEventsHealthCheck> healthChecks = new ConcurrentHashMap<>();
    private final Map<EventsConsumer, Meters> meters = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    public AccsEventsComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int colon = remaining.indexOf(':');
        EventsKind kind = EventsKind.parse(colon < 0 ? remaining : remaining.substring(0, colon));
        String path = colon < 0 ? null : remaining.substring(colon + 1);
        if (kind == EventsKind.WEBHOOK && (path == null || path.isEmpty())) {
            throw new IllegalArgumentException("Invalid accs-events endpoint " + URISupport.sanitizeUri(uri)
                                               + ": expected accs-events:webhook:/path, as in"
                                               + " accs-events:webhook:/commerce/events");
        }
        // a Kamelet property left unset is an option left unset
        UnsetPlaceholders.removeFrom(parameters);
        AccsEventsEndpoint endpoint = new AccsEventsEndpoint(UnsetPlaceholders.removeFrom(uri), this, kind, path,
                configuration.copy());
        EnumOptionValues.check(new AccsEventsEndpointConfigurer(), parameters, "accs-events");
        setProperties(endpoint, parameters);
        endpoint.resolve(accsComponent(endpoint.getConfiguration().getAccsComponent()));
        return endpoint;
    }

    /** The accs component whose settings and token caches this component shares. */
    AccsComponent accsComponent(String name) {
        Component component = getCamelContext().getComponent(name);
        if (!(component instanceof AccsComponent accs)) {
            throw new IllegalArgumentException("Option accsComponent names '" + name + "', which is "
                                               + (component == null ? "not a component" : "not an accs component"));
        }
        return accs;
    }

    HttpTransport transport(HttpSettings settings) {
        return transports.computeIfAbsent(settings, s -> new HttpTransport(s, getCamelContext()));
    }

    /** Lists a started consumer, with a readiness check of its own (Camel's consumer health switch applies). */
    void register(EventsConsumer consumer) {
        consumers.add(consumer);
        meters.put(consumer, EventsMeters.bind(consumer, getCamelContext(), clock));
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && isHealthCheckConsumerEnabled()) {
            String id = consumer.routeId() != null ? consumer.routeId() : String.valueOf(consumer.describe().get("path"));
            AccsEventsHealthCheck check = new AccsEventsHealthCheck(consumer, id, clock);
            check.setCamelContext(getCamelContext());
            registry.register(check);
            healthChecks.put(consumer, check);
        }
    }

    void unregister(EventsConsumer consumer) {
        consumers.remove(consumer);
        Meters bound = meters.remove(consumer);
        if (bound != null) {
            bound.close();
        }
        AccsEventsHealthCheck check = healthChecks.remove(consumer);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (check != null && registry != null) {
            registry.unregister(check);
        }
    }

    /** The running consumers of this component, for the health checks and the dev console. */
    List<EventsConsumer> consumers() {
        return List.copyOf(consumers);
    }

    Clock clock() {
        return clock;
    }

    /** The clock event times and pauses are measured with; replaceable in tests. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    @ManagedAttribute(description = "Events received (journal and webhook), duplicates and skipped types included")
    public long getEventsReceived() {
        return sum(c -> c.metrics().receivedCount());
    }

    @ManagedAttribute(description = "Events whose exchange completed")
    public long getEventsDelivered() {
        return sum(c -> c.metrics().deliveredCount());
    }

    @ManagedAttribute(description = "Events dropped because their id was seen before")
    public long getDuplicatesDropped() {
        return sum(c -> c.metrics().duplicates());
    }

    @ManagedAttribute(description = "Events whose exchange failed (to be delivered again)")
    public long getEventsFailed() {
        return sum(c -> c.metrics().failedCount());
    }

    @ManagedAttribute(description = "Webhook deliveries rejected with 401: unsigned, forged, or for another client")
    public long getSignatureFailures() {
        return sum(c -> c.metrics().signatureFailures());
    }

    @ManagedAttribute(description = "Webhook requests refused before the route: 401, 400 (replays, bad challenges), 413,"
                                    + " and 503 when a signing key could not be had")
    public long getRequestsRejected() {
        return sum(c -> c.metrics().rejectedCount());
    }

    private long sum(ToLongFunction<EventsConsumer> counter) {
        return consumers.stream().mapToLong(counter).sum();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        transports.values().forEach(HttpTransport::close);
        transports.clear();
    }

    public AccsEventsConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The component's configuration: every endpoint starts from a copy of it.
     */
    public void setConfiguration(AccsEventsConfiguration configuration) {
        this.configuration = configuration;
    }
}
