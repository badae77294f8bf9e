package io.camelaccs.testsupport;

import java.time.Clock;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A CamelContext with an accs component pointing at a WireMock server: the tenant under {@code tenantPath}, IMS at the
 * server root, the given credentials. Registered on an instance field, it comes after the test class's static
 * WireMock extension: the context starts after WireMock has reset for the test and stops before WireMock's own
 * after-test work. Test classes whose tests share one setup have it started before each test; tests that need
 * options of their own start it themselves. Either way it is stopped after each test.
 */
public final class AccsOnWireMock implements BeforeEachCallback, AfterEachCallback {

    /** What a test adds to the context (routes, health checks) after the component and before the start. */
    @FunctionalInterface
    public interface ContextSetup {
        void accept(CamelContext context) throws Exception;
    }

    private final WireMockExtension wm;
    private final String tenantPath;
    private final String clientId;
    private final String clientSecret;
    private Clock clock;
    private Consumer<AccsConfiguration> eachTestOptions;
    private ContextSetup eachTestSetup = created -> {
    };
    private String eachTestToken;

    private CamelContext context;
    private AccsComponent accs;
    private ProducerTemplate template;

    /** {@code clientSecret} may be null: public clients and caller-supplied tokens have none. */
    public AccsOnWireMock(WireMockExtension wm, String tenantPath, String clientId, String clientSecret) {
        this.wm = wm;
        this.tenantPath = tenantPath;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** The component reads time from this clock instead of the system's. */
    public AccsOnWireMock withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Starts the context before each test with the server and credentials alone. */
    public AccsOnWireMock startedBeforeEach() {
        return startedBeforeEach(c -> {
        });
    }

    /** Starts the context before each test with these options on top of the server and credentials. */
    public AccsOnWireMock startedBeforeEach(Consumer<AccsConfiguration> options) {
        this.eachTestOptions = options;
        return this;
    }

    /** As {@link #startedBeforeEach(Consumer)}, with the test's own setup of the context before it starts. */
    public AccsOnWireMock startedBeforeEach(Consumer<AccsConfiguration> options, ContextSetup setup) {
        this.eachTestSetup = setup;
        return startedBeforeEach(options);
    }

    /** With {@link #startedBeforeEach}: IMS issues this token, valid for a day, once the context runs. */
    public AccsOnWireMock withTokenIssued(String token) {
        this.eachTestToken = token;
        return this;
    }

    /** Starts a context (again, after {@link #stop()}) with these options on top of the server and credentials. */
    public AccsOnWireMock start(Consumer<AccsConfiguration> options) {
        create(options);
        started();
        return this;
    }

    public void stop() {
        if (context != null) {
            context.stop();
        }
    }

    public CamelContext context() {
        return context;
    }

    public AccsComponent accs() {
        return accs;
    }

    public ProducerTemplate template() {
        return template;
    }

    @Override
    public void beforeEach(ExtensionContext test) throws Exception {
        if (eachTestOptions != null) {
            create(eachTestOptions);
            eachTestSetup.accept(context);
            started();
            if (eachTestToken != null) {
                ImsStubs.tokenIssued(wm, eachTestToken, 86399);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext test) {
        stop();
    }

    private void create(Consumer<AccsConfiguration> options) {
        context = new DefaultCamelContext();
        accs = new AccsComponent();
        if (clock != null) {
            accs.setClock(clock);
        }
        AccsConfiguration conf = accs.getConfiguration();
        conf.setBaseUrl(wm.baseUrl() + tenantPath);
        conf.setImsUrl(wm.baseUrl());
        conf.setClientId(clientId);
        conf.setClientSecret(clientSecret);
        options.accept(conf);
        context.addComponent("accs", accs);
    }

    private void started() {
        context.start();
        template = context.createProducerTemplate();
    }
}
