package io.camelaccs.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import io.camelaccs.component.AccsComponent;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Stopping a CamelContext while exchanges wait on a {@code Retry-After}: {@code exchanges} exchanges are sent to
 * {@code from("direct:waiting").to("accs:get:/V1/products/{sku}...")} against a generator server that answers every
 * product read {@code 429} with {@code Retry-After: 30}; once the server has refused all of them (every exchange is
 * in its pause), the threads are counted and the context is stopped.
 * <p>
 * How the exchanges are sent: each through the {@link AsyncProducer} of the {@code direct:} endpoint, from a pool of
 * sender threads without a bound (one is taken only while a send has not handed back). An asynchronous producer hands
 * back at once, so the senders retire; a synchronous one keeps its sender for the whole pause. Not
 * {@code ProducerTemplate.asyncSend}: in Camel 4.18 it runs each send on the template's default thread pool (10
 * threads, then a queue of 1000, then 20 threads), whose thread is held until the producer hands back: with a
 * synchronous producer only 10 exchanges would be in flight and the other 190 queued, never reaching the server.
 */
final class ShutdownBenchmark implements AutoCloseable {

    static final String ROUTE = "direct:waiting";
    /** The component's connection pool, and so its request workers: the default, set here for the goal's sake. */
    static final int MAX_CONNECTIONS = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Indexes of the counts: exchanges still waiting, completed OK, failed. */
    static final int PENDING = 0;
    static final int OK = 1;
    static final int FAILED = 2;

    /** What one stop measured. */
    record Result(int exchanges, int retryAfterSeconds, long shutdownTimeoutSeconds, long refused, double waitSeconds,
            int threadsBefore, int threadsWaiting, int sendersHeld, int threadsBlockedInAccs,
            Map<String, Integer> blockedAt, double stopSeconds, int[] atStop, long windowSeconds, int[] inWindow,
            long graceSeconds, int[] atEnd, double lastCompletedSeconds, int callbacksRepeated, String firstError) {

        boolean allWaiting() {
            return refused >= exchanges;
        }

        int threadDelta() {
            return threadsWaiting - threadsBefore;
        }

        int lost() {
            return atEnd[PENDING];
        }
    }

    private final GeneratorServer server;
    private final CamelContext context;
    private final int exchanges;
    private final int retryAfterSeconds;
    private final long shutdownTimeoutSeconds;
    private final ThreadPoolExecutor senders;
    /** PENDING, OK or FAILED per exchange; and how often each callback came. */
    private final AtomicIntegerArray outcome;
    private final AtomicIntegerArray callbacks;
    private final AtomicLongArray completedAt;
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AsyncProducer producer;

    ShutdownBenchmark(int exchanges, int retryAfterSeconds, long shutdownTimeoutSeconds) throws Exception {
        this.exchanges = exchanges;
        this.retryAfterSeconds = retryAfterSeconds;
        this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
        this.outcome = new AtomicIntegerArray(exchanges);
        this.callbacks = new AtomicIntegerArray(exchanges);
        this.completedAt = new AtomicLongArray(exchanges);
        server = new GeneratorServer(1);
        server.refuseProductReads(retryAfterSeconds);
        context = new DefaultCamelContext();
        // the old behaviour (a sleeping route thread) must end in bounded time too
        context.getShutdownStrategy().setTimeout(shutdownTimeoutSeconds);
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(server.baseUrl());
        accs.getConfiguration().setImsUrl(server.imsUrl());
        accs.getConfiguration().setClientId("bench-client");
        accs.getConfiguration().setClientSecret("bench-secret");
        accs.getConfiguration().setMaxConnections(MAX_CONNECTIONS);
        context.addComponent("accs", accs);
        // a retry timeout well above the Retry-After, so that the component takes the pause rather than giving up
        long retryTimeoutMillis = Duration.ofSeconds(4L * retryAfterSeconds).toMillis();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ROUTE).routeId("waiting")
                        .to("accs:get:/V1/products/{sku}?maxRetries=3&retryTimeout=" + retryTimeoutMillis);
            }
        });
        context.start();
        producer = context.getEndpoint(ROUTE).createAsyncProducer();
        producer.start();
        senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 200, TimeUnit.MILLISECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "bench-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends the exchanges, waits (at most {@code maxWait}) until the server has refused them all, counts the threads,
     * stops the context and waits at most {@code grace} for the exchanges that had not completed when it returned.
     * The exchanges are counted as they stood when the stop returned, {@code window} after it began (an exchange
     * failed by the stop may be completed by another thread just after it returns) and at the end.
     */
    Result run(Duration maxWait, Duration window, Duration grace) throws Exception {
        int threadsBefore = THREADS.getThreadCount();
        long sent = System.nanoTime();
        for (int i = 0; i < exchanges; i++) {
            int n = i;
            Exchange exchange = producer.getEndpoint().createExchange(ExchangePattern.InOut);
            exchange.getMessage().setHeader("sku", "WAITING-" + n);
            senders.execute(() -> {
                try {
                    producer.process(exchange, doneSync -> completed(n, exchange));
                } catch (RuntimeException e) {
                    exchange.setException(e);
                    completed(n, exchange);
                }
            });
        }
        long deadline = sent + maxWait.toNanos();
        while (server.refusedReads.get() < exchanges && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double waitSeconds = (System.nanoTime() - sent) / 1e9;
        // let each exchange go from its 429 into its pause, and idle senders retire (keep-alive 200 ms)
        Thread.sleep(500);
        long retire = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (senders.getPoolSize() > senders.getActiveCount() && System.nanoTime() < retire) {
            Thread.sleep(10);
        }
        int threadsWaiting = THREADS.getThreadCount();
        int sendersHeld = senders.getActiveCount();
        Map<String, Integer> blockedAt = blockedInAccs();
        int blocked = blockedAt.values().stream().mapToInt(Integer::intValue).sum();
        long refused = server.refusedReads.get();

        long t0 = System.nanoTime();
        context.stop();
        long stopped = System.nanoTime();
        long windowEnd = t0 + window.toNanos();
        long graceEnd = stopped + grace.toNanos();
        while ((System.nanoTime() < windowEnd || counts(System.nanoTime())[PENDING] > 0) && System.nanoTime() < graceEnd) {
            Thread.sleep(50);
        }
        int repeated = 0;
        for (int i = 0; i < exchanges; i++) {
            repeated += Math.max(0, callbacks.get(i) - 1);
        }
        return new Result(exchanges, retryAfterSeconds, shutdownTimeoutSeconds, refused, waitSeconds, threadsBefore,
                threadsWaiting, sendersHeld, blocked, blockedAt, (stopped - t0) / 1e9, counts(stopped),
                window.toSeconds(), counts(windowEnd), grace.toSeconds(), counts(System.nanoTime()),
                lastCompleted(t0), repeated, firstError.get());
    }

    private void completed(int n, Exchange exchange) {
        callbacks.incrementAndGet(n);
        Exception e = exchange.getException();
        if (e != null) {
            firstError.compareAndSet(null, e.getClass().getName() + ": " + e.getMessage());
        }
        if (completedAt.compareAndSet(n, 0, System.nanoTime())) {
            outcome.set(n, e != null ? FAILED : OK);
        }
    }

    /** Seconds from {@code since} to the last completion (negative when it was before; NaN when none came). */
    private double lastCompleted(long since) {
        double last = Double.NaN;
        for (int i = 0; i < exchanges; i++) {
            long at = completedAt.get(i);
            if (at != 0) {
                double s = (at - since) / 1e9;
                last = Double.isNaN(last) ? s : Math.max(last, s);
            }
        }
        return last;
    }

    /** Exchanges still waiting, completed OK and failed, as they stood at {@code nanos} (System.nanoTime). */
    private int[] counts(long nanos) {
        int[] c = new int[3];
        for (int i = 0; i < exchanges; i++) {
            long at = completedAt.get(i);
            int o = outcome.get(i);
            c[at != 0 && at - nanos <= 0 && o != PENDING ? o : PENDING]++;
        }
        return c;
    }

    /**
     * Threads asleep or parked (waiting, timed waiting or blocked) with component code on their stack, by the
     * component frame nearest the top: a thread held for an exchange's pause. Idle pool threads (nothing of the
     * component on their stack) and the benchmark's own frames do not count.
     */
    static Map<String, Integer> blockedInAccs() {
        Map<String, Integer> at = new TreeMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread.State state = e.getKey().getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING && state != Thread.State.BLOCKED) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                String cls = frame.getClassName();
                if (cls.startsWith("io.camelaccs.") && !cls.startsWith("io.camelaccs.benchmarks.")) {
                    at.merge(cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName(), 1, Integer::sum);
                    break;
                }
            }
        }
        return at;
    }

    @Override
    public void close() {
        // a sender still asleep in a synchronous producer is woken, so that nothing of this run outlives it
        senders.shutdownNow();
        try {
            producer.stop();
        } catch (RuntimeException e) {
            // the context has stopped it already
        }
        context.stop();
        server.close();
    }
}
