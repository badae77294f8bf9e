package io.camelaccs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.AuthenticationType;
import io.camelaccs.platform.OAuth1Signer;
import io.camelaccs.platform.Platform;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Platform PAAS, authenticationType INTEGRATION: calls signed with OAuth 1.0a HMAC-SHA256 (a nonce, a timestamp and an
 * HMAC per call, the query in the base string) against the same calls with the access token as a bearer
 * ({@code integrationAsBearer=true}), on one WireMock on loopback, in one JVM, rounds interleaved. The goal: signing
 * costs at most 5 % of the throughput (ratio at least 0.95).
 */
final class SignedCallsBenchmark implements AutoCloseable {

    static final String SIGNED = "signed (OAuth 1.0a)";
    static final String BEARER = "bearer";

    private static final String PRODUCT_JSON = "{\"id\":42,\"sku\":\"BENCH\",\"name\":\"Bench product\",\"price\":19.99}";

    private final WireMockServer server;
    private final CamelContext context;
    private final ProducerTemplate template;

    SignedCallsBenchmark(int threads) throws Exception {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(Math.max(16, threads * 2)).disableRequestJournal().stubRequestLoggingDisabled(true));
        server.start();
        server.stubFor(get(urlPathMatching("/rest/default/V1/products/.*")).willReturn(okJson(PRODUCT_JSON)));
        context = new DefaultCamelContext();
        context.addComponent("signed", component(threads, false));
        context.addComponent("bearer", component(threads, true));
        context.start();
        template = context.createProducerTemplate();
    }

    private AccsComponent component(int threads, boolean bearer) {
        AccsComponent accs = new AccsComponent();
        AccsConfiguration conf = accs.getConfiguration();
        conf.setPlatform(Platform.PAAS);
        conf.setBaseUrl(server.baseUrl() + "/rest");
        conf.setAuthenticationType(AuthenticationType.INTEGRATION);
        conf.setConsumerKey("bench-consumer-key");
        conf.setConsumerSecret("bench-consumer-secret");
        conf.setAccessToken("bench-access-token");
        conf.setAccessTokenSecret("bench-access-token-secret");
        conf.setIntegrationAsBearer(bearer);
        conf.setMaxConnections(threads);
        return accs;
    }

    /** Calls per second of one contender: {@code threads} callers for {@code phase}, a distinct SKU per call. */
    double run(String contender, int threads, Duration phase) throws Exception {
        String uri = (contender.equals(BEARER) ? "bearer" : "signed") + ":get:/V1/products/{sku}?fields=sku,price";
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int caller = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    long end = window[1];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        try {
                            template.requestBodyAndHeader(uri, null, "sku", "SKU-" + caller + "-" + n++);
                            calls.increment();
                        } catch (RuntimeException e) {
                            errors.increment();
                        }
                    }
                    return null;
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + phase.toNanos();
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (errors.sum() > 0) {
            throw new IllegalStateException(contender + ": " + errors.sum() + " calls failed");
        }
        return calls.sum() / ((System.nanoTime() - window[0]) / 1e9);
    }

    /**
     * The CPU time one signature takes on this thread, in microseconds: what signing adds to each call, measured
     * apart from the calls, so that a busy machine's noise in the throughput rounds can be told from the signer's cost.
     */
    static double signingMicros(int signatures) {
        OAuth1Signer signer = new OAuth1Signer("bench-consumer-key", "bench-consumer-secret",
                "bench-access-token-secret", java.time.Clock.systemUTC());
        AccessToken token = new AccessToken("bench-access-token", java.time.Instant.EPOCH, java.time.Instant.MAX);
        List<Map.Entry<String, String>> query = List.of(Map.entry("fields", "sku,price"));
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < signatures / 4; i++) {
            signer.authorize(new BasicClassicHttpRequest("GET", "/"), "http://127.0.0.1:8080/rest/default/V1/products/SKU-"
                                                                      + i, query, token);
        }
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < signatures; i++) {
            signer.authorize(new BasicClassicHttpRequest("GET", "/"), "http://127.0.0.1:8080/rest/default/V1/products/SKU-"
                                                                      + i, query, token);
        }
        return (cpu.getCurrentThreadCpuTime() - start) / 1e3 / signatures;
    }

    @Override
    public void close() {
        context.stop();
        server.stop();
    }
}
