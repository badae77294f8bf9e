package io.camelaccs.ims;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.test.AccsSimulator;
import io.camelaccs.test.AccsSimulatorTest;
import io.camelaccs.test.RecordedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.camelaccs.testsupport.ConcurrentCallers.runTogether;
import static io.camelaccs.testsupport.Figures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two CamelContexts (two pods, as far as the store can tell) sharing one refresh token store, refreshing at the same
 * moment against the simulator's IMS, which rotates refresh tokens, refuses one used twice ({@code invalid_grant}), and
 * answers slowly so that both exchanges overlap unless the store makes them take turns. Both must get a token, and IMS
 * must never see a refresh token twice.
 */
@AccsSimulatorTest(products = 3, orders = 0, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class SharedTokenStoreTest {

    @TempDir
    Path dir;

    private AccsSimulator sim;
    private final List<CamelContext> contexts = new ArrayList<>();

    @BeforeEach
    void slowIms(AccsSimulator simulator) {
        sim = simulator;
        sim.faults().imsLatency(Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    private CamelContext context(String name, Consumer<AccsConfiguration> store) {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        AccsComponent accs = new AccsComponent();
        AccsConfiguration conf = accs.getConfiguration();
        conf.setBaseUrl(sim.baseUrl());
        conf.setImsUrl(sim.imsUrl());
        conf.setClientId(sim.clientId());
        conf.setClientSecret(sim.clientSecret());
        conf.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
        store.accept(conf);
        context.addComponent("accs", accs);
        context.start();
        contexts.add(context);
        return context;
    }

    /** Both contexts call Commerce at once; each call's first step is a refresh-token exchange. */
    private void bothRefreshAtOnce(CamelContext a, CamelContext b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CamelContext[] pair = { a, b };
        runTogether(2, Duration.ofSeconds(30), i -> {
            start.await(10, TimeUnit.SECONDS);
            Object page = pair[i].createProducerTemplate().requestBody("accs:get:/V1/products?pageSize=1", (Object) null);
            assertTrue(((Map<?, ?>) page).containsKey("items"), "context " + i + " got its page");
        });
    }

    /** The refresh tokens IMS received, in order. */
    private List<String> refreshTokensSent() {
        List<String> sent = new ArrayList<>();
        for (RecordedRequest r : sim.requestLog()) {
            if (r.path().equals("/ims/token/v3") && r.body().contains("grant_type=refresh_token")) {
                for (String pair : r.body().split("&")) {
                    if (pair.startsWith("refresh_token=")) {
                        sent.add(pair.substring("refresh_token=".length()));
                    }
                }
            }
        }
        return sent;
    }

    private void assertNoRefreshTokenSentTwice(String test) {
        List<String> sent = refreshTokensSent();
        report(test, "refresh-token exchanges=" + sent.size() + ", distinct refresh tokens sent=" + sent.stream()
                .distinct().count());
        assertEquals(2, sent.size(), "one exchange per context");
        assertEquals(sent.size(), sent.stream().distinct().count(), "IMS saw a refresh token twice");
    }

    @Test
    void twoContextsSharingATokenStoreFileNeverSendARotatedRefreshToken() throws Exception {
        String file = dir.resolve("shared/accs-tokens.properties").toString();
        String initial = sim.issueRefreshToken();
        // the login helper has put the first refresh token into the shared file
        new FileTokenStore(Path.of(file)).writeRefreshToken(sim.clientId(), initial);
        CamelContext podA = context("pod-a", c -> c.setTokenStoreFile(file));
        CamelContext podB = context("pod-b", c -> c.setTokenStoreFile(file));

        bothRefreshAtOnce(podA, podB);

        assertNoRefreshTokenSentTwice("twoContextsSharingATokenStoreFileNeverSendARotatedRefreshToken");
        String newest = new FileTokenStore(Path.of(file)).readRefreshToken(sim.clientId());
        assertTrue(!refreshTokensSent().contains(newest), "the file holds the newest, still unused, refresh token");
    }

    @Test
    void twoContextsSharingATokenStoreBeanNeverSendARotatedRefreshToken() throws Exception {
        TokenStore shared = new InMemoryTokenStore();
        String initial = sim.issueRefreshToken();
        CamelContext podA = context("pod-a", c -> {
            c.setTokenStore(shared);
            c.setRefreshToken(initial);
        });
        CamelContext podB = context("pod-b", c -> {
            c.setTokenStore(shared);
            c.setRefreshToken(initial);
        });

        bothRefreshAtOnce(podA, podB);

        assertNoRefreshTokenSentTwice("twoContextsSharingATokenStoreBeanNeverSendARotatedRefreshToken");
    }
}
