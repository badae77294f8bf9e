package io.camelaccs.faults;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelaccs.component.AccsConfiguration;
import io.camelaccs.testsupport.AccsOnWireMock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

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
     * Every exchange sent is recorded here twice, by two parties that do not share a counter: the sender (the test's
     * call, a success or a failure it saw) and the receiving side (a Camel event notifier that sees each exchange
     * reach its end, completed or failed, as Camel's unit of work closes it). Nothing may go missing: each key the
     * sender sent must have reached the end exactly once, with the outcome the sender saw. Each failure is kept by kind
     * (exception class and, for API errors, status).
     */
    static final class Ledger {
        /** The key of the call under way on this thread, handed to the first exchange the call creates. */
        private static final ThreadLocal<Ledger.Call> CURRENT = new ThreadLocal<>();
        private static final String KEY = "io.camelaccs.faults.ledgerKey";

        private record Call(Ledger ledger, String key) {
        }

        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, AtomicInteger> failuresByKind = new ConcurrentHashMap<>();
        final Map<String, Throwable> failuresByKey = new ConcurrentHashMap<>();
        final Map<String, Object> resultsByKey = new ConcurrentHashMap<>();
        private final Set<String> okKeys = ConcurrentHashMap.newKeySet();
        /** The receiving side: how often each key's exchange reached its end, completed or failed. */
        private final Map<String, AtomicInteger> completedAtEnd = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> failedAtEnd = new ConcurrentHashMap<>();

        /** A ledger whose receiving side watches the exchanges of this (started) context. */
        Ledger(CamelContext context) {
            EventNotifierSupport receiver = new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeCreatedEvent created) {
                        Call call = CURRENT.get();
                        if (call != null && call.ledger() == Ledger.this) {
                            CURRENT.remove(); // the call's own exchange, not one it creates in turn
                            created.getExchange().setProperty(KEY, call);
                        }
                    } else if (event instanceof CamelEvent.ExchangeFailedEvent e) {
                        arrived(e.getExchange(), failedAtEnd);
                    } else if (event instanceof CamelEvent.ExchangeCompletedEvent e) {
                        arrived(e.getExchange(), e.getExchange().isFailed() ? failedAtEnd : completedAtEnd);
                    }
                }
            };
            context.getCamelContextExtension().setEventNotificationApplicable(true);
            context.getManagementStrategy().addEventNotifier(receiver);
            ServiceHelper.startService(receiver);
        }

        private void arrived(Exchange exchange, Map<String, AtomicInteger> where) {
            if (exchange.getProperty(KEY) instanceof Call call && call.ledger() == this) {
                where.computeIfAbsent(call.key(), k -> new AtomicInteger()).incrementAndGet();
            }
        }

        /** Sends one exchange; records its outcome under the key. */
        void call(String key, Supplier<Object> exchange) {
            sent.incrementAndGet();
            Object result;
            CURRENT.set(new Call(this, key));
            try {
                result = exchange.get();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                failuresByKey.put(key, e);
                failuresByKind.computeIfAbsent(kind(e), k -> new AtomicInteger()).incrementAndGet();
                return;
            } finally {
                CURRENT.remove();
            }
            ok.incrementAndGet();
            okKeys.add(key);
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

        /**
         * What the receiving side saw matches what the sender counted: every exchange sent reached its end once, the
         * successes as completed and the failures as failed, key by key.
         */
        void assertNoneLost() {
            assertEquals(failed.get(), failuresByKey.size(), "each failure kept with its key");
            assertEquals(sent.get(), okKeys.size() + failuresByKey.size(), "each key sent once");
            Map<String, Integer> twice = new TreeMap<>();
            completedAtEnd.forEach((k, n) -> {
                if (n.get() + (failedAtEnd.containsKey(k) ? failedAtEnd.get(k).get() : 0) != 1) {
                    twice.put(k, n.get());
                }
            });
            assertEquals(Map.of(), twice, "an exchange reached its end more than once");
            assertEquals(new TreeSet<>(okKeys), new TreeSet<>(completedAtEnd.keySet()),
                    "the exchanges the sender saw succeed are those that completed");
            assertEquals(new TreeSet<>(failuresByKey.keySet()), new TreeSet<>(failedAtEnd.keySet()),
                    "the exchanges the sender saw fail are those that failed at their end");
            assertEquals(sent.get(), completedAtEnd.size() + failedAtEnd.size(),
                    "every exchange sent reached the end of its processing, completed or failed");
        }

        @Override
        public String toString() {
            return "sent=" + sent + ", ok=" + ok + ", failed=" + failed + " " + failuresByKind + "; reached the end: "
                   + completedAtEnd.size() + " completed, " + failedAtEnd.size() + " failed";
        }
    }
}
