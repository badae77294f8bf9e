package io.camelaccs.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.camelaccs.webhook.AccsWebhookComponent;
import io.camelaccs.webhook.WebhookOperations;
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
 * Commerce's synchronous webhook calls (a shipping-rate estimate, as Commerce sends it to a plugin hook) from
 * concurrent callers to one Camel platform-http server (Vert.x, loopback). Contenders, on the same server and sent the
 * same requests:
 * <ul>
 * <li>accs: {@code from("accs-webhook:/hook?publicKey=#bean:commerceKey")} whose route answers one
 * {@code WebhookOperations.replace(...)}: the component reads the raw body, verifies
 * {@code x-adobe-commerce-webhook-signature} (SHA256withRSA 2048 over the Base64 of the body), parses the JSON, runs the
 * route on its own thread under {@code replyTimeout}, validates the operation and writes it;</li>
 * <li>plain: {@code from("platform-http:/plain")} answering the same JSON text, without looking at the request.</li>
 * </ul>
 * The requests are signed before the rounds (signing is Commerce's cost); each answer's body is checked.
 */
final class CommerceWebhookBenchmark implements AutoCloseable {

    static final String ACCS = "accs-webhook, route answers a replace";
    static final String PLAIN = "platform-http route, same JSON";
    /** Diagnostic: the accs route with verifySignature=false, to tell the signature check from the rest. */
    static final String UNSIGNED = "accs-webhook, verifySignature=false";
    static final String ANSWER = "{\"op\":\"replace\",\"path\":\"result/0/amount\",\"value\":6.5}";

    /** One call, signed. */
    record Call(byte[] body, String signature) {
    }

    /** One round of one contender. */
    record Phase(String contender, int calls, long errors, long late, long elapsedNanos, Histogram latencies,
            String firstError, long processCpuNanos) {
        double perSecond() {
            return calls / (elapsedNanos / 1e9);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS
            = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private final KeyPair keys;
    private final int port;
    private final long replyTimeoutMillis;
    private final CamelContext context;
    private final CloseableHttpClient http;
    private final ExecutorService pool;
    final LongAdder accsRouted = new LongAdder();
    final LongAdder plainRouted = new LongAdder();

    CommerceWebhookBenchmark(int callers, long replyTimeoutMillis) throws Exception {
        this.replyTimeoutMillis = replyTimeoutMillis;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        port = freePort();
        context = new DefaultCamelContext();
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(conf));
        context.getRegistry().bind("commerceKey", keys.getPublic());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("accs-webhook:/hook?publicKey=#bean:commerceKey&replyTimeout=" + replyTimeoutMillis)
                        .routeId("accs-webhook")
                        .process(e -> {
                            accsRouted.increment();
                            e.getMessage().setBody(WebhookOperations.replace("result/0/amount", 6.5));
                        });
                from("accs-webhook:/hook-unsigned?verifySignature=false&replyTimeout=" + replyTimeoutMillis)
                        .routeId("accs-webhook-unsigned")
                        .process(e -> e.getMessage().setBody(WebhookOperations.replace("result/0/amount", 6.5)));
                from("platform-http:/plain?httpMethodRestrict=POST")
                        .routeId("plain-webhook")
                        .process(e -> {
                            plainRouted.increment();
                            // the answer the component gives: 200, application/json, the operation, no header echoed
                            Message m = e.getMessage();
                            m.getHeaders().clear();
                            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
                            m.setBody(ANSWER);
                        });
            }
        });
        context.start();
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(callers).setMaxConnPerRoute(callers).build())
                .build();
        pool = Executors.newFixedThreadPool(callers, r -> {
            Thread t = new Thread(r, "commerce-caller");
            t.setDaemon(true);
            return t;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code n} shipping-estimate payloads (about 1 KB, each for its own cart), signed as Commerce signs them. */
    List<Call> sign(int n) throws Exception {
        List<Call> calls = new ArrayList<>(n);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        for (int i = 0; i < n; i++) {
            byte[] body = payload(i).getBytes(StandardCharsets.UTF_8);
            rsa.initSign(keys.getPrivate());
            rsa.update(Base64.getEncoder().encode(body));
            calls.add(new Call(body, Base64.getEncoder().encodeToString(rsa.sign())));
        }
        return calls;
    }

    static String payload(int cart) {
        StringBuilder sb = new StringBuilder(1200);
        sb.append("{\"cartId\":\"").append(100_000 + cart).append("\",\"address\":{\"country_id\":\"US\",")
                .append("\"region\":\"New York\",\"region_id\":43,\"postcode\":\"10001\",\"city\":\"New York\",")
                .append("\"street\":[\"").append(cart).append(" Fifth Avenue\"],\"firstname\":\"Jane\",")
                .append("\"lastname\":\"Shopper\",\"telephone\":\"555-0100\"},\"result\":[");
        String[][] rates = { { "flatrate", "flatrate", "Flat Rate", "Fixed", "10" },
            { "tablerate", "bestway", "Best Way", "Table Rate", "15" }, { "ups", "GND", "UPS", "Ground", "12.4" } };
        for (int r = 0; r < rates.length; r++) {
            String[] x = rates[r];
            sb.append(r == 0 ? "" : ",").append("{\"carrier_code\":\"").append(x[0]).append("\",\"method_code\":\"")
                    .append(x[1]).append("\",\"carrier_title\":\"").append(x[2]).append("\",\"method_title\":\"")
                    .append(x[3]).append("\",\"amount\":").append(x[4]).append(",\"base_amount\":").append(x[4])
                    .append(",\"available\":true,\"error_message\":\"\",\"price_excl_tax\":").append(x[4])
                    .append(",\"price_incl_tax\":").append(x[4]).append('}');
        }
        return sb.append("]}").toString();
    }

    /** Sends every call once to the contender's path from {@code callers} callers, each one at a time. */
    Phase run(String contender, List<Call> calls, int callers) throws Exception {
        String url = "http://127.0.0.1:" + port + (ACCS.equals(contender) ? "/hook"
                : UNSIGNED.equals(contender) ? "/hook-unsigned" : "/plain");
        Histogram latencies = new Histogram();
        AtomicInteger next = new AtomicInteger();
        LongAdder errors = new LongAdder();
        LongAdder late = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        long lateNanos = replyTimeoutMillis * 1_000_000L;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int s = 0; s < callers; s++) {
            tasks.add(() -> {
                for (int k; (k = next.getAndIncrement()) < calls.size();) {
                    Call c = calls.get(k);
                    HttpPost post = new HttpPost(url);
                    post.setHeader("x-adobe-commerce-webhook-signature", c.signature());
                    post.setEntity(new ByteArrayEntity(c.body(), ContentType.APPLICATION_JSON));
                    long t0 = System.nanoTime();
                    try {
                        String answer = http.execute(post, response -> response.getCode() + " "
                                                                       + EntityUtils.toString(response.getEntity()));
                        long took = System.nanoTime() - t0;
                        latencies.record(took);
                        if (took > lateNanos) {
                            late.increment();
                        }
                        if (!answer.equals("200 " + ANSWER)) {
                            errors.increment();
                            firstError.compareAndSet(null, answer.length() > 200 ? answer.substring(0, 200) : answer);
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
        long cpu0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        return new Phase(contender, calls.size(), errors.sum(), late.sum(), System.nanoTime() - t0, latencies,
                firstError.get(), OS.getProcessCpuTime() - cpu0);
    }

    /** The component's own counts: answers it gave as fallbackOperation after replyTimeout, or with every thread busy. */
    String componentCounts() {
        AccsWebhookComponent c = context.getComponent("accs-webhook", AccsWebhookComponent.class);
        return String.format(Locale.ROOT, "answered %d, late %d, busy %d, rejected %d", c.getCallsAnswered(),
                c.getLateAnswers(), c.getBusyAnswers(), c.getRequestsRejected());
    }

    long componentLate() {
        return context.getComponent("accs-webhook", AccsWebhookComponent.class).getLateAnswers();
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        http.close();
        context.stop();
    }
}
