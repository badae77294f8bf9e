package io.camelaccs.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsComponent;
import io.camelaccs.component.AccsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fault tests share: credentials, IMS stubs, a Camel context with an accs component pointing at WireMock, a
 * clock moved by hand, callers released together, and a ledger that proves no exchange is silently lost.
 */
final class FaultSupport {

    static final String CLIENT_ID = "fault-client-id-0001";
    static final String CLIENT_SECRET = "fault-SECRET-0001";
    static final String TOKEN_PATH = "/ims/token/v3";

    private FaultSupport() {
    }

    /** A Camel context with an accs component on WireMock ({@code /t} is the tenant, IMS at the root). */
    static CamelContext camel(WireMockExtension wm, Clock clock, Consumer<AccsConfiguration> options) {
        CamelContext context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        if (clock != null) {
            accs.setClock(clock);
        }
        AccsConfiguration conf = accs.getConfiguration();
        conf.setBaseUrl(wm.baseUrl() + "/t");
        conf.setImsUrl(wm.baseUrl());
        conf.setClientId(CLIENT_ID);
        conf.setClientSecret(CLIENT_SECRET);
        options.accept(conf);
        context.addComponent("accs", accs);
        context.start();
        return context;
    }

    static AccsComponent accs(CamelContext context) {
        return context.getComponent("accs", AccsComponent.class);
    }

    static ResponseDefinitionBuilder tokenResponse(String token, long expiresIn) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder status(int status) {
        return json(status, "{\"message\":\"HTTP " + status + "\"}");
    }

    static int tokenRequests(WireMockExtension wm) {
        return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
    }

    /** Commerce requests (under /t/) WireMock has seen. */
    static long commerceRequests(WireMockExtension wm) {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/t/")).count();
    }

    /**
     * Answers in order, one per request, in a scenario of its own (one per key, so keys used by different threads do
     * not interfere); the last answer repeats from then on.
     */
    static void sequence(WireMockExtension wm, String scenario, Supplier<MappingBuilder> request,
                         ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "answer-" + (i + 1);
            wm.stubFor(request.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(answers[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    static void report(String test, String figures) {
        System.out.println("[faults] " + test + ": " + figures);
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** The first throwable of the chain that is of the type, or null. */
    static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    @FunctionalInterface
    interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /**
     * Runs {@code threads} tasks released together on daemon threads; fails if they do not all finish within the
     * timeout (a caller stuck in the code under test fails the test instead of hanging the build).
     */
    static void runTogether(int threads, Duration timeout, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "fault-caller");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    task.run(index);
                    return null;
                }));
            }
            assertTrue(ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS), "caller threads did not start");
            go.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    "callers did not finish within " + timeout);
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every exchange sent is recorded here as a success or as a failure the caller saw: nothing may go missing, and
     * each failure is kept by kind (exception class and, for API errors, status).
     */
    static final class Ledger {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, AtomicInteger> failuresByKind = new ConcurrentHashMap<>();
        final Map<String, Throwable> failuresByKey = new ConcurrentHashMap<>();
        final Map<String, Object> resultsByKey = new ConcurrentHashMap<>();

        /** Sends one exchange; records its outcome under the key. */
        void call(String key, Supplier<Object> exchange) {
            sent.incrementAndGet();
            Object result;
            try {
                result = exchange.get();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                failuresByKey.put(key, e);
                failuresByKind.computeIfAbsent(kind(e), k -> new AtomicInteger()).incrementAndGet();
                return;
            }
            ok.incrementAndGet();
            if (result != null) {
                resultsByKey.put(key, result);
            }
        }

        private static String kind(Throwable e) {
            Throwable root = e;
            // the CamelExecutionException wrapper says nothing: name what the component raised
            if (root.getCause() != null && root instanceof org.apache.camel.CamelExecutionException) {
                root = root.getCause();
            }
            String kind = root.getClass().getSimpleName();
            if (root instanceof io.camelaccs.rest.AccsApiException api) {
                kind += " " + api.getStatusCode();
            } else if (root instanceof io.camelaccs.ims.AccsAuthenticationException a) {
                kind += " " + a.getStatusCode() + (a.getError() != null ? " " + a.getError() : "");
            }
            return kind;
        }

        /** Successes plus visible failures account for every exchange sent. */
        void assertNoneLost() {
            assertEquals(sent.get(), ok.get() + failed.get(), "every exchange sent is a success or a visible failure");
            assertEquals(failed.get(), failuresByKey.size(), "each failure kept with its key");
        }

        @Override
        public String toString() {
            return "sent=" + sent + ", ok=" + ok + ", failed=" + failed + " " + failuresByKind;
        }
    }

    /** A clock the test moves by hand, so token lifetimes and cool-downs pass without waiting. */
    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
