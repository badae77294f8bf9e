package io.camelaccs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Signed single-event webhook deliveries, as Adobe I/O Events posts them, from concurrent senders to one Camel
 * platform-http server (the Vert.x engine on loopback, as the component's tests use). Contenders, on the same server and
 * sent the same requests:
 * <ul>
 * <li>accs: {@code from("accs-events:webhook:/hook")} into a route that only counts: the component reads the raw body,
 * verifies the RSA signature (the public key served on loopback through {@code publicKeyBaseUrl}, fetched once and
 * cached), checks the recipient and the event's age, claims the id, runs the route, records the id, answers 200;</li>
 * <li>plain: {@code from("platform-http:/plain")} whose route counts and answers what the component answers (200,
 * {@code text/plain}, empty body, no request header echoed), without looking at the request.</li>
 * </ul>
 * Each delivery is a {@link ProductSaveEvent} with its own event id and a current {@code time}, signed with
 * {@code SHA256withRSA} over the body bytes before the round (signing is the sender's cost, not the receiver's), and
 * carries the headers Adobe sends. The senders are Apache HttpClient 5 classic clients, one pooled connection each.
 */
final class WebhookBenchmark implements AutoCloseable {

    static final String ACCS = "accs-events:webhook, no-op route";
    static final String PLAIN = "platform-http route answering 200";
    static final String KEY_PATH = "/prod/keys/pub-key-bench.pem";

    /** One delivery, signed. */
    record Delivery(byte[] body, String signature, String eventId, String deliveryId) {
    }

    /** One round of one contender. */
    record Phase(String contender, int deliveries, long errors, long elapsedNanos, Histogram latencies,
            long processCpuNanos, String firstError, long gcCount, long gcMillis) {
        double perSecond() {
            return deliveries / (elapsedNanos / 1e9);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS
            = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final int senders;
    private final KeyPair keys;
    private final HttpServer keyHost;
    private final int port;
    private final CamelContext context;
    private final CloseableHttpClient http;
    private final ExecutorService pool;
    private final long salt = ThreadLocalRandom.current().nextLong();
    private final AtomicLong sequence = new AtomicLong();
    final AtomicLong keyFetches = new AtomicLong();
    final LongAdder accsRouted = new LongAdder();
    final LongAdder plainRouted = new LongAdder();

    WebhookBenchmark(int senders) throws Exception {
        this.senders = senders;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n"
                      + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                              .encodeToString(keys.getPublic().getEncoded())
                      + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        // static.adobeioevents.com on loopback
        keyHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        keyHost.createContext(KEY_PATH, ex -> {
            keyFetches.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "application/x-pem-file");
            ex.sendResponseHeaders(200, pem.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(pem);
            }
        });
        keyHost.start();

        port = freePort();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        AccsComponent accs = context.getComponent("accs", AccsComponent.class);
        accs.getConfiguration().setClientId(ProductSaveEvent.CLIENT_ID);
        accs.getConfiguration().setClientSecret("bench-secret");
        String keyBase = "http://127.0.0.1:" + keyHost.getAddress().getPort();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-events:webhook:/hook?publicKeyBaseUrl=" + keyBase)
                        .routeId("accs-webhook")
                        .process(e -> accsRouted.increment());
                from("platform-http:/plain?httpMethodRestrict=POST")
                        .routeId("plain-webhook")
                        .process(e -> {
                            plainRouted.increment();
                            // the answer the component gives: 200, text/plain, empty, no request header echoed
                            Message m = e.getMessage();
                            m.getHeaders().clear();
                            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                            m.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
                            m.setBody("");
                        });
            }
        });
        context.start();
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(senders).setMaxConnPerRoute(senders).build())
                .build();
        pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code n} deliveries, each a new event of now, signed (on two threads: it is the slow part of a round). */
    List<Delivery> sign(int n) throws Exception {
        List<Callable<Delivery>> tasks = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long i = sequence.incrementAndGet();
            tasks.add(() -> {
                StringBuilder sb = new StringBuilder(2048);
                ProductSaveEvent.append(sb, salt, i, Instant.now().toString());
                byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(keys.getPrivate());
                rsa.update(body);
                return new Delivery(body, Base64.getEncoder().encodeToString(rsa.sign()),
                        ProductSaveEvent.eventId(salt, i), "d-" + Long.toHexString(salt) + "-" + i);
            });
        }
        ExecutorService signers = Executors.newFixedThreadPool(2);
        try {
            List<Delivery> out = new ArrayList<>(n);
            for (Future<Delivery> f : signers.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } finally {
            signers.shutdownNow();
        }
    }

    /** Sends every delivery once to the contender's path from {@code senders} senders, each one at a time. */
    Phase run(String contender, List<Delivery> deliveries, int senders) throws Exception {
        String url = "http://127.0.0.1:" + port + (ACCS.equals(contender) ? "/hook" : "/plain");
        Histogram latencies = new Histogram();
        AtomicInteger next = new AtomicInteger();
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            tasks.add(() -> {
                for (int k; (k = next.getAndIncrement()) < deliveries.size();) {
                    Delivery d = deliveries.get(k);
                    HttpPost post = new HttpPost(url);
                    post.setHeader("x-adobe-digital-signature-1", d.signature());
                    post.setHeader("x-adobe-public-key1-path", KEY_PATH);
                    post.setHeader("x-adobe-event-id", d.eventId());
                    post.setHeader("x-adobe-delivery-id", d.deliveryId());
                    post.setHeader("x-adobe-event-code", ProductSaveEvent.TYPE);
                    post.setHeader("x-adobe-provider", "dx_commerce_events");
                    post.setEntity(new ByteArrayEntity(d.body(), ContentType.APPLICATION_JSON));
                    long t0 = System.nanoTime();
                    try {
                        int status = http.execute(post, response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        latencies.record(System.nanoTime() - t0);
                        if (status != 200) {
                            errors.increment();
                            firstError.compareAndSet(null, "HTTP " + status);
                        }
                    } catch (IOException e) {
                        latencies.record(System.nanoTime() - t0);
                        errors.increment();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
                return null;
            });
        }
        long[] gc0 = gc();
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        long elapsed = System.nanoTime() - t0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long[] gc1 = gc();
        return new Phase(contender, deliveries.size(), errors.sum(), elapsed, latencies, cpu, firstError.get(),
                gc1[0] - gc0[0], gc1[1] - gc0[1]);
    }

    /** Collections so far and their time (ms): a pause stops every request in flight, so it shows in the tail. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] { count, millis };
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        http.close();
        context.stop();
        keyHost.stop(0);
    }
}
