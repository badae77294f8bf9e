package io.camelaccs.benchmarks;

import java.io.InputStream;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Single calls to distinct URLs ({@code /V1/products/{sku}}, a new SKU per call) from many threads against WireMock on
 * loopback, whose token endpoint answers after 50 ms. Contenders, all delivering the parsed JSON (a Map) to the route:
 * <ul>
 * <li>accs: {@code accs:get:/V1/products/{sku}} (tokens from the component's cache)</li>
 * <li>ceiling: camel-http with a fixed {@code Authorization: Bearer} header set by the route, then Jackson</li>
 * <li>peer: camel-http with its own OAuth2 options ({@code oauth2ClientId}, {@code oauth2ClientSecret},
 * {@code oauth2TokenEndpoint}, {@code oauth2CacheTokens=true}), then Jackson</li>
 * </ul>
 */
final class CallsBenchmark implements AutoCloseable {

    static final String ACCS = "accs";
    static final String CEILING = "ceiling";
    static final String PEER = "peer";
    static final String ACCS_RAW = "accs rawResponse=true";
    static final String CEILING_RAW = "ceiling, no JSON parse";
    static final String ACCS_DEFAULT_POOL = "accs maxConnections=20 (default)";
    static final String PEER_SMALL_POOL = "peer, connectionsPerRoute = threads";

    private static final String PRODUCT_JSON = "{\"id\":42,\"sku\":\"BENCH\",\"name\":\"Bench product\",\"price\":19.99,"
                                               + "\"status\":1,\"type_id\":\"simple\",\"attribute_set_id\":4,"
                                               + "\"extension_attributes\":{\"website_ids\":[1]},"
                                               + "\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"49\"}]}";
    private static final String TOKEN_JSON = "{\"access_token\":\"bench-token\",\"token_type\":\"bearer\",\"expires_in\":86399}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Counts token requests per path: WireMock keeps no journal here (it would not fit in 128 MB). */
    static final class TokenCounter implements ServeEventListener {
        final Map<String, LongAdder> byPath = new ConcurrentHashMap<>();

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            String url = serveEvent.getRequest().getUrl();
            if (url.endsWith("/token/v3")) {
                byPath.computeIfAbsent(url, k -> new LongAdder()).increment();
            }
        }

        long count(String path) {
            LongAdder a = byPath.get(path);
            return a == null ? 0 : a.sum();
        }

        @Override
        public String getName() {
            return "token-counter";
        }
    }

    /** One timed phase of one contender. */
    record Phase(String contender, int threads, long calls, long errors, long elapsedNanos, Histogram latencies,
            long tokenRequests, String firstError, long callerCpuNanos, long processCpuNanos, long serverCpuNanos) {
        double perSecond() {
            return calls / (elapsedNanos / 1e9);
        }
    }

    private static final java.lang.management.ThreadMXBean THREAD_CPU
            = java.lang.management.ManagementFactory.getThreadMXBean();

    private final WireMockServer wm;
    private final TokenCounter tokens = new TokenCounter();
    private final CamelContext context;
    private final ProducerTemplate template;
    private final ExecutorService pool;
    private final int maxThreads;

    CallsBenchmark(int maxThreads) throws Exception {
        this.maxThreads = maxThreads;
        wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(120)
                .disableRequestJournal().stubRequestLoggingDisabled(true).extensions(tokens));
        wm.start();
        wm.stubFor(post(urlEqualTo("/ims/token/v3")).willReturn(okJson(TOKEN_JSON).withFixedDelay(50)));
        wm.stubFor(post(urlEqualTo("/peer/ims/token/v3")).willReturn(okJson(TOKEN_JSON).withFixedDelay(50)));
        // only authenticated calls get the product: a contender that sent no token would show errors
        wm.stubFor(get(urlPathMatching("/t/V1/products/.+")).withHeader("Authorization", matching("Bearer .+"))
                .willReturn(okJson(PRODUCT_JSON)));
        wm.stubFor(get(urlPathMatching("/t/V1/products/.+")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"no token\"}")));

        String base = "http://127.0.0.1:" + wm.port();
        context = new DefaultCamelContext();
        context.addComponent(ACCS, accs(base, maxThreads));
        context.addComponent("accs20", accs(base, 20));
        Processor path = e -> e.getMessage().setHeader(Exchange.HTTP_PATH, "/V1/products/" + e.getMessage().getHeader("sku"));
        Processor parse = e -> e.getMessage().setBody(MAPPER.readValue(e.getMessage().getBody(InputStream.class), Object.class));
        String pool = "connectionsPerRoute=" + maxThreads + "&maxTotalConnections=" + (2 * maxThreads);
        // camel-http's OAuth2 interceptor fetches the token while its request holds a pooled connection, from the same
        // pool: with no more connections than callers, all of them can hold one and wait for another (deadlock until
        // connectionRequestTimeout). The peer gets two connections per caller so that it measures its token cache.
        String peerPool = "connectionsPerRoute=" + (2 * maxThreads) + "&maxTotalConnections=" + (4 * maxThreads)
                          + "&connectionRequestTimeout=10000";
        String smallPeerPool = "connectionsPerRoute=" + maxThreads + "&maxTotalConnections=" + (2 * maxThreads)
                               + "&connectionRequestTimeout=2000";
        String oauth2 = "&oauth2ClientId=bench-client&oauth2ClientSecret=bench-secret"
                        + "&oauth2TokenEndpoint=RAW(" + base + "/peer/ims/token/v3)&oauth2CacheTokens=true";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + ACCS).to("accs:get:/V1/products/{sku}");
                from("direct:" + ACCS_RAW).to("accs:get:/V1/products/{sku}?rawResponse=true");
                from("direct:" + ACCS_DEFAULT_POOL).to("accs20:get:/V1/products/{sku}");
                from("direct:" + CEILING).process(path).setHeader("Authorization", constant("Bearer bench-token"))
                        .to(base + "/t?" + pool).process(parse);
                from("direct:" + CEILING_RAW).process(path).setHeader("Authorization", constant("Bearer bench-token"))
                        .to(base + "/t?" + pool).convertBodyTo(byte[].class);
                from("direct:" + PEER).process(path).to(base + "/t?" + peerPool + oauth2).process(parse);
                // other options, so another camel-http endpoint with a pool of its own
                from("direct:" + PEER_SMALL_POOL).process(path).to(base + "/t?" + smallPeerPool + oauth2).process(parse);
            }
        });
        context.start();
        template = context.createProducerTemplate();
        this.pool = Executors.newFixedThreadPool(maxThreads, r -> {
            Thread t = new Thread(r, "bench-caller");
            t.setDaemon(true);
            return t;
        });
    }

    private static AccsComponent accs(String base, int maxConnections) {
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(base + "/t");
        accs.getConfiguration().setImsUrl(base);
        accs.getConfiguration().setClientId("bench-client");
        accs.getConfiguration().setClientSecret("bench-secret");
        accs.getConfiguration().setMaxConnections(maxConnections);
        return accs;
    }

    /** Token requests each contender has made so far (accs: both accs components). */
    long tokenRequests(String contender) {
        return switch (contender) {
            case PEER, PEER_SMALL_POOL -> tokens.count("/peer/ims/token/v3");
            case CEILING, CEILING_RAW -> 0;
            default -> tokens.count("/ims/token/v3");
        };
    }

    /** Tokens fetched by the main accs component (maxConnections = threads) and by the diagnostic one (20). */
    long[] accsTokenFetches() {
        return new long[] { context.getComponent(ACCS, AccsComponent.class).getTokenFetchCount(),
                context.getComponent("accs20", AccsComponent.class).getTokenFetchCount() };
    }

    /**
     * Runs one contender with {@code threads} callers for {@code duration} (each caller also stops after
     * {@code maxCallsPerThread}); every call asks for a SKU never asked before.
     */
    Phase run(String contender, int threads, Duration duration, String tag, int maxCallsPerThread) throws Exception {
        if (threads > maxThreads) {
            throw new IllegalArgumentException(threads + " > " + maxThreads);
        }
        Histogram latencies = new Histogram();
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder callerCpu = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        long tokensBefore = tokenRequests(contender);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Future<?>> futures = new ArrayList<>();
        String uri = "direct:" + contender;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                long cpu0 = THREAD_CPU.getCurrentThreadCpuTime();
                long end = start[0] + duration.toNanos();
                for (int i = 0; i < maxCallsPerThread; i++) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    String sku = tag + "-" + thread + "-" + i;
                    try {
                        Object body = template.requestBodyAndHeader(uri, null, "sku", sku);
                        if (!(body instanceof Map<?, ?>) && !(body instanceof byte[])) {
                            throw new IllegalStateException("unexpected body " + body);
                        }
                    } catch (RuntimeException e) {
                        errors.increment();
                        firstError.compareAndSet(null, e.toString());
                    }
                    latencies.record(System.nanoTime() - t0);
                    calls.increment();
                }
                callerCpu.add(THREAD_CPU.getCurrentThreadCpuTime() - cpu0);
                return null;
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("callers did not start");
        }
        Map<Long, Long> serverCpu0 = serverThreadsCpu();
        long processCpu0 = processCpuNanos();
        start[0] = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) {
            f.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - start[0];
        long processCpu = processCpuNanos() - processCpu0;
        long serverCpu = cpuSince(serverCpu0, serverThreadsCpu());
        return new Phase(contender, threads, calls.sum(), errors.sum(), elapsed, latencies,
                tokenRequests(contender) - tokensBefore, firstError.get(), callerCpu.sum(), processCpu, serverCpu);
    }

    /**
     * CPU time so far of each live thread of the WireMock server: Jetty's pool ({@code qtp...}, acceptors included)
     * and its connector scheduler. Taken off the JVM's CPU, it leaves the client's whole cost: the callers and every
     * thread the contender runs besides them (an I/O reactor, a scheduler), GC and JIT.
     */
    private static Map<Long, Long> serverThreadsCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREAD_CPU.getThreadInfo(THREAD_CPU.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("qtp")
                                 || info.getThreadName().startsWith("Connector-Scheduler"))) {
                long nanos = THREAD_CPU.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU the threads alive at the end spent since the first snapshot (a thread started since from zero). */
    private static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** CPU time of the whole JVM (callers, Camel, HttpClient, WireMock, GC, JIT). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        context.stop();
        wm.stop();
    }
}
