package io.camelaccs.docs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.test.AccsSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.ResourceHelper;

import static org.awaitility.Awaitility.await;

/**
 * One snippet's run: a simulator, and a CamelContext whose {@code accs} component points at it (accs-events takes its
 * credentials from there, as on a real tenant). The components a user's project would have and this module does
 * not (Kafka, JMS) are mocks under their scheme, so their URIs still parse and what reaches them can be counted;
 * {@code platform-http} is a direct endpoint under that name, so the test can call the route without a server.
 */
final class SnippetRun implements AutoCloseable {

    final AccsSimulator sim;
    final CamelContext context = new DefaultCamelContext();
    final Path dir;
    /** Exchanges that ended failed (an exception not handled), from any route. */
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** The endpoint URI each completed exchange came from. */
    final List<String> completed = new CopyOnWriteArrayList<>();

    SnippetRun(AccsSimulator sim, Path dir) throws Exception {
        this.sim = sim;
        this.dir = dir;
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent("accs", accs);
        for (String scheme : List.of("kafka", "jms", "sftp")) {
            context.addComponent(scheme, new MockComponent());
        }
        context.addComponent("platform-http", new DirectComponent());
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeFailedEvent failed) {
                    Exchange e = failed.getExchange();
                    failures.add(e.getException() != null ? e.getException() : new IllegalStateException("failed"));
                } else if (event instanceof CamelEvent.ExchangeCompletedEvent done) {
                    Exchange e = done.getExchange();
                    if (e.getFromEndpoint() != null) {
                        completed.add(e.getFromEndpoint().getEndpointUri());
                    }
                }
            }
        });
    }

    SnippetRun property(String name, String value) {
        context.getPropertiesComponent().addInitialProperty(name, value);
        return this;
    }

    SnippetRun bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    /** Another {@code AccsComponent} under its own scheme, pointed at the same simulator. */
    SnippetRun accsComponent(String scheme) {
        AccsComponent accs = new AccsComponent();
        PropertyBindingSupport.build().bind(context, accs.getConfiguration(), new HashMap<>(sim.componentProperties()));
        context.addComponent(scheme, accs);
        return this;
    }

    SnippetRun routes(RoutesBuilder routes) throws Exception {
        context.addRoutes(routes);
        return this;
    }

    SnippetRun yaml(String text) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("snippet.camel.yaml", text));
        return this;
    }

    /** Starting creates every endpoint: a wrong URI, option or operation fails here. */
    SnippetRun start() {
        context.start();
        return this;
    }

    /** Sends one exchange and fails the test with the exchange's exception, if any. */
    Exchange send(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = context.createProducerTemplate().send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
        if (exchange.getException() != null) {
            throw new AssertionError("the exchange to " + uri + " failed", exchange.getException());
        }
        return exchange;
    }

    MockEndpoint mock(String uri) {
        return context.getEndpoint(uri, MockEndpoint.class);
    }

    /** Waits for an exchange from the endpoint whose URI starts so (e.g. {@code timer://price}) to complete. */
    void awaitCompleted(String fromPrefix) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !failures.isEmpty() || completed.stream().anyMatch(uri -> uri.startsWith(fromPrefix)));
        assertNoFailures();
    }

    void awaitReceived(String mockUri, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !failures.isEmpty() || mock(mockUri).getReceivedCounter() >= count);
        assertNoFailures();
    }

    void assertNoFailures() {
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " exchange(s) failed; the first:",
                    failures.get(0));
            throw error;
        }
    }

    @Override
    public void close() {
        try {
            context.stop();
        } finally {
            sim.close();
        }
    }
}
