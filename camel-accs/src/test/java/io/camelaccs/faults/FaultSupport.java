package io.camelaccs.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.testsupport.AccsOnWireMock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the fault tests share: credentials, WireMock sized for their callers, a Camel context with an accs component
 * pointing at it, and a ledger that proves no exchange is silently lost.
 */
final class FaultSupport {

    static final String CLIENT_ID = "fault-client-id-0001";
    static final String CLIENT_SECRET = "fault-SECRET-0001";

    private FaultSupport() {
    }

    /** WireMock on loopback with container threads to spare for every caller and retry of a fault test at once. */
    static WireMockExtension wireMock() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(40))
                .build();
    }

    /** A Camel context with an accs component on WireMock ({@code /t} is the tenant, IMS at the root). */
    static AccsOnWireMock camelOn(WireMockExtension wm) {
        return new AccsOnWireMock(wm, "/t", CLIENT_ID, CLIENT_SECRET);
    }

    /**
     * Commerce retries as the storm tests configure them: at most {@code maxRetries}, 5 ms apart, within 20 s, and a
     * connection for each of the {@code callers}.
     */
    static Consumer<AccsConfiguration> retries(int maxRetries, int callers) {
        return c -> {
            c.setMaxRetries(maxRetries);
            c.setRetryDelay(5);
            c.setRetryTimeout(20_000);
            c.setMaxConnections(callers);
        };
    }

    /** Commerce requests (under /t/) WireMock has seen. */
    static long commerceRequests(WireMockExtension wm) {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/t/")).count();
    }

    static void report(String test, String figures) {
        System.out.println("[faults] " + test + ": " + figures);
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
}
