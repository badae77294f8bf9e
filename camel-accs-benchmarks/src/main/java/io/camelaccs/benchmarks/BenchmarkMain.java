package io.camelaccs.benchmarks;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs the camel-accs benchmarks in one JVM, contenders interleaved round by round after a warm-up, prints a table and
 * writes it as JSON ({@code target/benchmark-results.json} beside the jar). See README.md for what is measured.
 * <p>
 * Settings (system properties): {@code bench.threads} (32), {@code bench.rounds} (5), {@code bench.callSeconds} (3),
 * {@code bench.items} (200000), {@code bench.pageSizes} (100,500), {@code bench.sections} (all), {@code bench.out} (the
 * JSON file); the README lists the others.
 */
public final class BenchmarkMain {

    private static final int THREADS = Integer.getInteger("bench.threads", 32);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final Duration CALL_PHASE = Duration.ofMillis((long) (1000 * Double.parseDouble(
            System.getProperty("bench.callSeconds", "3"))));
    private static final int ITEMS = Integer.getInteger("bench.items", 200_000);
    private static final int MAX_CALLS_PER_THREAD = 1_000_000;
    private static final Duration DIAG_PHASE = Duration.ofMillis(1000);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmupRounds", 2);

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Map<String, Object>> goals = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();

    /** Where the table goes: the benchmark's output is its console, as the example's is. */
    private final PrintStream console;

    private BenchmarkMain(PrintStream console) {
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        // before any logger exists: Camel, HttpClient and the component log at WARN only
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.logLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        new BenchmarkMain(System.out).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        machine();
        String sections = System.getProperty("bench.sections",
                "calls,export,latency,shutdown,burst,journal,webhook,commerceWebhook,signed");
        if (sections.contains("calls")) {
            calls();
        }
        if (sections.contains("export")) {
            exports();
        }
        if (sections.contains("latency")) {
            latencyExport();
        }
        if (sections.contains("shutdown")) {
            shutdown();
        }
        if (sections.contains("burst")) {
            burst();
        }
        if (sections.contains("journal")) {
            journal();
        }
        if (sections.contains("webhook")) {
            webhook();
        }
        if (sections.contains("commerceWebhook")) {
            commerceWebhook();
        }
        if (sections.contains("failover")) {
            failover();
        }
        if (sections.contains("signed")) {
            signed();
        }
        json.put("goals", goals);
        json.put("runSeconds", round1((System.nanoTime() - started) / 1e9));
        line("");
        line("GOALS");
        for (Map<String, Object> g : goals) {
            line(String.format(Locale.ROOT, "  [%s] %-58s target %-18s measured %s", Boolean.TRUE.equals(g.get("met"))
                    ? "MET   " : "MISSED", g.get("goal"), g.get("target"), g.get("measured")));
        }
        line(String.format(Locale.ROOT, "Total run time %.0f s", (System.nanoTime() - started) / 1e9));
        Path out = outputFile();
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        console.println("Results written to " + out);
    }

    private void machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", OffsetDateTime.now().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("camel", new org.apache.camel.impl.DefaultCamelContext(false).getVersion());
        // on a shared machine, what else ran: the 1-minute load average (cores busy or waiting), -1 where unknown
        m.put("loadAverageAtStart", loadAverage());
        json.put("machine", m);
        line("camel-accs benchmarks, " + m.get("date"));
        line("  " + m.get("cores") + " cores, max heap " + m.get("maxHeapMiB") + " MiB, " + m.get("jvm") + ", GC "
             + m.get("gc") + ", Camel " + m.get("camel") + ", load average " + m.get("loadAverageAtStart"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. calls

    private void calls() throws Exception {
        String[] main = { CallsBenchmark.ACCS, CallsBenchmark.CEILING, CallsBenchmark.PEER };
        String[] diagnostics = { CallsBenchmark.ACCS_RAW, CallsBenchmark.CEILING_RAW, CallsBenchmark.ACCS_DEFAULT_POOL };
        Map<String, Aggregate> results = new LinkedHashMap<>();
        Map<String, Aggregate> diag = new LinkedHashMap<>();
        long accsTokensBefore;
        long peerTokens;
        try (CallsBenchmark bench = new CallsBenchmark(THREADS)) {
            line("");
            line("1. CALLS: " + THREADS + " threads, a distinct URL per call (/V1/products/{sku}), WireMock on loopback,"
                 + " token endpoint answering after 50 ms; " + ROUNDS + " rounds of " + CALL_PHASE.toMillis()
                 + " ms per contender, interleaved, after a warm-up. accs maxConnections=" + THREADS
                 + "; camel-http connectionsPerRoute=" + THREADS + " (ceiling), " + 2 * THREADS + " (peer, see"
                 + " README: with " + THREADS + " it can deadlock).");
            // warm-up: first with few callers, so that the JIT compiler threads get CPU on a small machine (with 32
            // busy callers and WireMock's threads they barely run, and throughput kept rising for many rounds), then
            // one round at full load
            for (int w = 0; w < WARMUP_ROUNDS; w++) {
                for (String c : main) {
                    bench.run(c, Math.min(4, THREADS), Duration.ofMillis(2000), "warm" + w + "-" + c,
                            MAX_CALLS_PER_THREAD);
                }
            }
            for (String c : main) {
                bench.run(c, THREADS, Duration.ofMillis(1500), "warm-full-" + c, MAX_CALLS_PER_THREAD);
            }
            for (String c : diagnostics) {
                bench.run(c, THREADS, Duration.ofMillis(500), "warm-" + c, MAX_CALLS_PER_THREAD);
            }
            accsTokensBefore = bench.tokenRequests(CallsBenchmark.ACCS);
            long peerBefore = bench.tokenRequests(CallsBenchmark.PEER);
            for (int r = 1; r <= ROUNDS; r++) {
                Map<String, CallsBenchmark.Phase> round = new LinkedHashMap<>();
                for (String c : main) {
                    CallsBenchmark.Phase p = bench.run(c, THREADS, CALL_PHASE, "r" + r + "-" + c, MAX_CALLS_PER_THREAD);
                    round.put(c, p);
                    results.computeIfAbsent(c, k -> new Aggregate()).add(p);
                    console.printf(Locale.ROOT, "   round %d %-8s %8.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  tokens %d"
                                                   + "  errors %d%n", r, c, p.perSecond(),
                            p.latencies().percentileMillis(0.5), p.latencies().percentileMillis(0.99), p.tokenRequests(),
                            p.errors());
                }
                double ceilingRate = round.get(CallsBenchmark.CEILING).perSecond();
                round.forEach((c, p) -> results.get(c).perRoundRatio.add(p.perSecond() / ceilingRate));
            }
            peerTokens = bench.tokenRequests(CallsBenchmark.PEER) - peerBefore;
            // where the time goes: JSON parsing, the pool size, the number of threads
            for (int r = 1; r <= 2; r++) {
                for (String c : diagnostics) {
                    diag.computeIfAbsent(c + ", " + THREADS + " threads", k -> new Aggregate())
                            .add(bench.run(c, THREADS, DIAG_PHASE, "d" + r + "-" + c, MAX_CALLS_PER_THREAD));
                }
                for (String c : new String[] { CallsBenchmark.ACCS, CallsBenchmark.CEILING }) {
                    diag.computeIfAbsent(c + ", 8 threads", k -> new Aggregate())
                            .add(bench.run(c, 8, DIAG_PHASE, "d8" + r + "-" + c, MAX_CALLS_PER_THREAD));
                }
            }
            // the peer with no more connections than callers: does it lock up? (bounded by connectionRequestTimeout=2 s)
            CallsBenchmark.Phase small = bench.run(CallsBenchmark.PEER_SMALL_POOL, THREADS, Duration.ofMillis(3000),
                    "dp-peer", MAX_CALLS_PER_THREAD);
            diag.computeIfAbsent(CallsBenchmark.PEER_SMALL_POOL + " (" + THREADS + ")", k -> new Aggregate()).add(small);
            long accsTokensAll = bench.tokenRequests(CallsBenchmark.ACCS);
            long[] accsFetches = bench.accsTokenFetches();

            Aggregate ceiling = results.get(CallsBenchmark.CEILING);
            line(String.format(Locale.ROOT, "  %-44s %8s %8s %7s %7s %7s %6s %7s %7s %9s %9s %9s", "contender", "calls",
                    "calls/s", "p50 ms", "p99 ms", "tokens", "errors", "x tput", "x p99", "client us", "caller us",
                    "jvm us"));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<String, Aggregate> e : results.entrySet()) {
                rows.add(row(e.getKey(), e.getValue(), ceiling));
            }
            line("  CPU per call, in microseconds: client = the JVM's CPU (OperatingSystemMXBean.getProcessCpuTime) less"
                 + " WireMock's threads, over the phase, divided by its calls: the whole cost of the contender, its own"
                 + " worker threads, GC and JIT included; caller = the calling threads only (ThreadMXBean); jvm = the"
                 + " whole process, WireMock included.");
            line("  diagnostics (2 interleaved rounds of " + DIAG_PHASE.toMillis() + " ms, ratios against the ceiling's main"
                 + " rounds):");
            List<Map<String, Object>> diagRows = new ArrayList<>();
            for (Map.Entry<String, Aggregate> e : diag.entrySet()) {
                diagRows.add(row(e.getKey(), e.getValue(), ceiling));
            }
            Aggregate accs = results.get(CallsBenchmark.ACCS);
            Aggregate peer = results.get(CallsBenchmark.PEER);
            Map<String, Object> calls = new LinkedHashMap<>();
            calls.put("threads", THREADS);
            calls.put("rounds", ROUNDS);
            calls.put("phaseMillis", CALL_PHASE.toMillis());
            calls.put("tokenEndpointDelayMillis", 50);
            calls.put("accsMaxConnections", THREADS);
            calls.put("camelHttpConnectionsPerRouteCeiling", THREADS);
            calls.put("camelHttpConnectionsPerRoutePeer", 2 * THREADS);
            calls.put("contenders", rows);
            calls.put("diagnostics", diagRows);
            calls.put("accsTokenRequestsWholeRun", accsTokensAll);
            calls.put("accsTokenRequestsAfterWarmup", accsTokensAll - accsTokensBefore);
            calls.put("accsTokenFetchesMainComponent", accsFetches[0]);
            calls.put("accsTokenFetchesDiagnosticComponent", accsFetches[1]);
            calls.put("peerTokenRequestsTimedRounds", peerTokens);
            calls.put("cpuPerCall", "clientCpuMicrosPerCall: the JVM's process CPU time less WireMock's threads over"
                                    + " each phase, divided by its calls (callers, the contender's worker threads, GC,"
                                    + " JIT); callerCpuMicrosPerCall: the calling threads only (ThreadMXBean);"
                                    + " serverCpuMicrosPerCall: WireMock's threads; jvmCpuMicrosPerCall: the whole"
                                    + " process");
            json.put("calls", calls);
            long accsCalls = accs.calls + diag.entrySet().stream().filter(e -> !e.getKey().startsWith("ceiling"))
                    .mapToLong(e -> e.getValue().calls).sum();
            line(String.format(Locale.ROOT, "  token requests over the whole calls run (warm-up included): accs %d"
                                            + " (main component %d, diagnostic maxConnections=20 component %d; token"
                                            + " lifetime 86399 s) for %d timed calls at 8 and %d threads; peer %d for"
                                            + " %d timed calls", accsTokensAll, accsFetches[0], accsFetches[1],
                    accsCalls, THREADS, peerTokens, peer.calls));

            goal("token requests: accs 1 per token lifetime, whatever the threads", "1 per component",
                    accsFetches[0] + " + " + accsFetches[1] + " (2 components) for " + accsCalls
                    + " calls; peer " + peerTokens + " for " + peer.calls + " calls",
                    accsFetches[0] == 1 && accsFetches[1] == 1 && accsTokensAll == 2);
            double tput = accs.perSecond() / ceiling.perSecond();
            goal("accs throughput vs ceiling (camel-http, fixed token)", ">= 0.95", String.format(Locale.ROOT, "%.3f"
                    + " (%.0f vs %.0f calls/s; median of per-round ratios %.3f; CPU %.1f vs %.1f us/call, callers'"
                    + " threads %.1f vs %.1f)", tput, accs.perSecond(), ceiling.perSecond(), median(accs.perRoundRatio),
                    accs.clientCpuMicros(), ceiling.clientCpuMicros(), accs.callerCpuMicros(), ceiling.callerCpuMicros()),
                    tput >= 0.95);
            double p99 = accs.hist.percentileMillis(0.99) / ceiling.hist.percentileMillis(0.99);
            goal("accs p99 latency vs ceiling", "<= 1.10", String.format(Locale.ROOT, "%.3f (%.2f vs %.2f ms)", p99,
                    accs.hist.percentileMillis(0.99), ceiling.hist.percentileMillis(0.99)), p99 <= 1.10);
        }
    }

    private Map<String, Object> row(String name, Aggregate a, Aggregate ceiling) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("contender", name);
        r.put("threads", a.threads);
        r.put("calls", a.calls);
        r.put("callsPerSecond", round1(a.perSecond()));
        r.put("perRoundCallsPerSecond", a.perRound.stream().map(BenchmarkMain::round1).toList());
        r.put("p50Millis", a.hist.percentileMillis(0.5));
        r.put("p99Millis", a.hist.percentileMillis(0.99));
        r.put("meanMillis", round3(a.hist.meanMillis()));
        r.put("tokenRequests", a.tokens);
        r.put("errors", a.errors);
        if (a.firstError != null) {
            r.put("firstError", a.firstError);
        }
        double xt = a.perSecond() / ceiling.perSecond();
        double xp = a.hist.percentileMillis(0.99) / ceiling.hist.percentileMillis(0.99);
        r.put("throughputRatioToCeiling", round3(xt));
        r.put("p99RatioToCeiling", round3(xp));
        r.put("clientCpuMicrosPerCall", round1(a.clientCpuMicros()));
        r.put("callerCpuMicrosPerCall", round1(a.callerCpuMicros()));
        r.put("serverCpuMicrosPerCall", round1(a.serverCpuMicros()));
        r.put("jvmCpuMicrosPerCall", round1(a.processCpuMicros()));
        if (!a.perRoundRatio.isEmpty()) {
            r.put("perRoundThroughputRatioToCeiling", a.perRoundRatio.stream().map(BenchmarkMain::round3).toList());
            r.put("medianPerRoundThroughputRatio", round3(median(a.perRoundRatio)));
        }
        line(String.format(Locale.ROOT, "  %-44s %8d %8.0f %7.2f %7.2f %7d %6d %7.3f %7.3f %9.1f %9.1f %9.1f", name,
                a.calls, a.perSecond(), a.hist.percentileMillis(0.5), a.hist.percentileMillis(0.99), a.tokens, a.errors,
                xt, xp, a.clientCpuMicros(), a.callerCpuMicros(), a.processCpuMicros()));
        return r;
    }

    /** The phases of one contender added up. */
    private static final class Aggregate {
        final Histogram hist = new Histogram();
        long calls;
        long errors;
        long nanos;
        long tokens;
        long callerCpu;
        long processCpu;
        long serverCpu;
        int threads;
        final List<Double> perRoundRatio = new ArrayList<>();
        String firstError;
        final List<Double> perRound = new ArrayList<>();

        void add(CallsBenchmark.Phase p) {
            hist.add(p.latencies());
            calls += p.calls();
            errors += p.errors();
            nanos += p.elapsedNanos();
            tokens += p.tokenRequests();
            callerCpu += p.callerCpuNanos();
            processCpu += p.processCpuNanos();
            serverCpu += p.serverCpuNanos();
            threads = p.threads();
            perRound.add(p.perSecond());
            if (firstError == null) {
                firstError = p.firstError();
            }
        }

        double perSecond() {
            return calls / (nanos / 1e9);
        }

        /** CPU microseconds per call spent in the calling threads (route, component, HttpClient, JSON). */
        double callerCpuMicros() {
            return callerCpu / 1000.0 / calls;
        }

        /**
         * CPU microseconds per call of the client: the whole JVM less WireMock's threads (the callers, the contender's
         * worker threads, GC, JIT). What a call costs, wherever the contender runs it.
         */
        double clientCpuMicros() {
            return (processCpu - serverCpu) / 1000.0 / calls;
        }

        /** CPU microseconds per call of WireMock's threads (the server). */
        double serverCpuMicros() {
            return serverCpu / 1000.0 / calls;
        }

        /** CPU microseconds per call of the whole JVM (the callers, WireMock, GC, JIT). */
        double processCpuMicros() {
            return processCpu / 1000.0 / calls;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. export and 3. consumer

    private void exports() throws Exception {
        int[] pageSizes = java.util.Arrays.stream(System.getProperty("bench.pageSizes", "100,500").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        List<Map<String, Object>> exportRows = new ArrayList<>();
        List<Map<String, Object>> syncRows = new ArrayList<>();
        List<Map<String, Object>> exportDiag = new ArrayList<>();
        // warm-up on a small catalogue of its own, so the timed walks start with compiled code
        try (GeneratorServer small = new GeneratorServer(20_000); ExportBenchmark warm = new ExportBenchmark(small,
                pageSizes)) {
            for (int size : pageSizes) {
                for (int w = 0; w < 3; w++) {
                    warm.accsExport(size);
                    warm.jacksonExport(size);
                }
                warm.accsExportNoSplit(size);
                warm.jacksonExportAsMaps(size);
                warm.accsSync(size);
                warm.accsSyncCapped(size);
                if (size == pageSizes[0]) {
                    warm.accsSyncFile(size);
                }
                warm.jacksonSync(size);
            }
        }
        try (GeneratorServer server = new GeneratorServer(ITEMS); ExportBenchmark bench = new ExportBenchmark(server,
                pageSizes)) {
            line("");
            line("2. EXPORT: " + ITEMS + " products of about 2 KB (" + sampleSize() + " bytes for product 1), generated"
                 + " on the fly by a JDK HttpServer (2 workers) on loopback; max heap "
                 + Runtime.getRuntime().maxMemory() / 1048576 + " MiB; contenders interleaved.");
            line(String.format(Locale.ROOT, "  %-50s %5s %8s %8s %9s %11s %11s %11s %5s %8s", "contender", "page", "items",
                    "seconds", "items/s", "heap peak*", "pool peaks", "after GC", "GCs", "x Jackson"));
            Map<Integer, ExportBenchmark.Walk[]> byPage = new LinkedHashMap<>();
            for (int size : pageSizes) {
                int rounds = size == pageSizes[0] ? 3 : 1;
                ExportBenchmark.Walk bestAccs = null;
                ExportBenchmark.Walk bestJackson = null;
                long accsItems = 0;
                long accsNanos = 0;
                long jacksonItems = 0;
                long jacksonNanos = 0;
                ExportBenchmark.Walk accsMaxHeap = null;
                ExportBenchmark.Walk jacksonMaxHeap = null;
                for (int r = 0; r < rounds; r++) {
                    ExportBenchmark.Walk a = bench.accsExport(size);
                    ExportBenchmark.Walk j = bench.jacksonExport(size);
                    console.printf(Locale.ROOT, "   page %d round %d: accs %.0f items/s (%d items, heap peak %s),"
                                                   + " Jackson %.0f items/s (%d items, heap peak %s)%n", size, r + 1,
                            a.perSecond(), a.items(), HeapMeter.mib(a.sampledPeakHeap()), j.perSecond(), j.items(),
                            HeapMeter.mib(j.sampledPeakHeap()));
                    accsItems += a.items();
                    accsNanos += a.elapsedNanos();
                    jacksonItems += j.items();
                    jacksonNanos += j.elapsedNanos();
                    accsMaxHeap = accsMaxHeap == null || a.sampledPeakHeap() > accsMaxHeap.sampledPeakHeap() ? a : accsMaxHeap;
                    jacksonMaxHeap = jacksonMaxHeap == null || j.sampledPeakHeap() > jacksonMaxHeap.sampledPeakHeap() ? j
                            : jacksonMaxHeap;
                }
                ExportBenchmark.Walk accs = new ExportBenchmark.Walk(ExportBenchmark.ACCS_EXPORT, size, accsItems,
                        accsNanos, accsMaxHeap.sampledPeakHeap(), accsMaxHeap.poolPeakHeap(), accsMaxHeap.gcCount(),
                        accsMaxHeap.gcMillis(), accsMaxHeap.requests(), accsMaxHeap.maxAfterGc());
                ExportBenchmark.Walk jackson = new ExportBenchmark.Walk(ExportBenchmark.JACKSON_EXPORT, size,
                        jacksonItems, jacksonNanos, jacksonMaxHeap.sampledPeakHeap(), jacksonMaxHeap.poolPeakHeap(),
                        jacksonMaxHeap.gcCount(), jacksonMaxHeap.gcMillis(), jacksonMaxHeap.requests(),
                        jacksonMaxHeap.maxAfterGc());
                exportRows.add(walkRow(accs, jackson, rounds));
                exportRows.add(walkRow(jackson, jackson, rounds));
                // where the time goes: the same parse as accs without accs, and accs without the splitter
                ExportBenchmark.Walk maps = bench.jacksonExportAsMaps(size);
                ExportBenchmark.Walk noSplit = bench.accsExportNoSplit(size);
                exportDiag.add(walkRow(maps, jackson, 1));
                exportDiag.add(walkRow(noSplit, jackson, 1));
                byPage.put(size, new ExportBenchmark.Walk[] { accs, jackson });
            }
            line("  * heap peak: heap in use sampled every 10 ms; pool peaks: sum of the heap pools' peak usage (reset"
                 + " before each contender); both count uncollected garbage. after GC: the most heap in use right after a"
                 + " collection (what stayed alive). All include the generator server (same JVM).");

            line("");
            line("3. CONSUMER: incremental sync of the same " + ITEMS + " products (updated_at = base + i/50 s,"
                 + " entity_id = i), keyset searches; until every product has been delivered once.");
            line(String.format(Locale.ROOT, "  %-50s %5s %8s %8s %9s %11s %11s %11s %5s %8s", "contender", "page", "items",
                    "seconds", "items/s", "heap peak*", "pool peaks", "after GC", "GCs", "x Jackson"));
            for (int size : pageSizes) {
                ExportBenchmark.Walk a = bench.accsSync(size);
                long repeats = bench.lastSyncRepeats;
                long remembered = bench.lastSyncRecentDeliveries;
                ExportBenchmark.Walk j = bench.jacksonSync(size);
                Map<String, Object> r = walkRow(a, j, 1);
                r.put("repeatedDeliveries", repeats);
                r.put("recentDeliveriesHeldAtLastItem", remembered);
                line(String.format(Locale.ROOT, "    (accs, page %d: %d repeated deliveries; the consumer's memory of recent"
                                                + " deliveries held %d entries when the last product was delivered)",
                        size, repeats, remembered));
                syncRows.add(r);
                syncRows.add(walkRow(j, j, 1));
                if (size == pageSizes[0]) {
                    // where the heap goes: polls of 5000 items end, and prune the consumer's memory, 40 times
                    ExportBenchmark.Walk capped = bench.accsSyncCapped(size);
                    Map<String, Object> c = walkRow(capped, j, 1);
                    c.put("repeatedDeliveries", bench.lastSyncRepeats);
                    c.put("recentDeliveriesHeldAtLastItem", bench.lastSyncRecentDeliveries);
                    line(String.format(Locale.ROOT, "    (capped: %d repeated deliveries; memory of recent deliveries held %d"
                                                    + " entries at the last product)", bench.lastSyncRepeats,
                            bench.lastSyncRecentDeliveries));
                    syncRows.add(c);
                    ExportBenchmark.Walk file = bench.accsSyncFile(size);
                    Map<String, Object> f = walkRow(file, j, 1);
                    f.put("repeatedDeliveries", bench.lastSyncRepeats);
                    syncRows.add(f);
                }
            }
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("items", ITEMS);
            export.put("productBytes", sampleSize());
            export.put("bytesServedByGenerator", server.bytesServed.get());
            export.put("walks", exportRows);
            export.put("diagnostics", exportDiag);
            json.put("export", export);
            json.put("consumer", Map.of("items", ITEMS, "walks", syncRows));

            ExportBenchmark.Walk[] first = byPage.get(pageSizes[0]);
            double ratio = first[0].perSecond() / first[1].perSecond();
            long maxHeap = Runtime.getRuntime().maxMemory();
            goal("export (page " + pageSizes[0] + ") in " + maxHeap / 1048576 + " MiB vs Jackson alone", ">= 0.80",
                    String.format(Locale.ROOT, "%.3f (%.0f vs %.0f items/s, accs heap peak %s)", ratio,
                            first[0].perSecond(), first[1].perSecond(), HeapMeter.mib(first[0].sampledPeakHeap())),
                    ratio >= 0.8 && maxHeap <= 130L * 1048576 && first[0].items() % ITEMS == 0);
            for (int i = 1; i < pageSizes.length; i++) {
                ExportBenchmark.Walk[] w = byPage.get(pageSizes[i]);
                double x = w[0].perSecond() / w[1].perSecond();
                goal("export (page " + pageSizes[i] + ", for information) vs Jackson alone", ">= 0.80",
                        String.format(Locale.ROOT, "%.3f (%.0f vs %.0f items/s)", x, w[0].perSecond(), w[1].perSecond()),
                        x >= 0.8);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. export at 100 ms page latency

    /**
     * accs fetchAll with parallelism 1, 4 and 8 against a plain sequential page loop, each search answered after
     * {@code bench.latencyMillis}. A sequential walk of 200 000 products at 100 ms a page takes 200 s: the loop and
     * parallelism 1 walk {@code bench.latencySequentialItems} (20 000) and their rate stands for the whole set (it is
     * one latency per page, whatever the size).
     */
    private void latencyExport() throws Exception {
        long latency = Long.getLong("bench.latencyMillis", 100);
        int pageSize = Integer.getInteger("bench.latencyPageSize", 100);
        int sequentialItems = Integer.getInteger("bench.latencySequentialItems", 20_000);
        int[] parallel = { 4, 8 };
        List<Map<String, Object>> rows = new ArrayList<>();
        ExportBenchmark.Walk sequential;
        ExportBenchmark.Walk one;
        try (GeneratorServer small = new GeneratorServer(sequentialItems, latency);
             LatencyBenchmark bench = new LatencyBenchmark(small, pageSize, 1)) {
            sequential = bench.sequential();
            one = bench.accs(1);
        }
        ExportBenchmark.Walk[] walks = new ExportBenchmark.Walk[parallel.length];
        try (GeneratorServer server = new GeneratorServer(ITEMS, latency);
             LatencyBenchmark bench = new LatencyBenchmark(server, pageSize, parallel)) {
            for (int i = 0; i < parallel.length; i++) {
                walks[i] = bench.accs(parallel[i]);
            }
        }
        line("");
        line("4. EXPORT AT " + latency + " ms PAGE LATENCY: page size " + pageSize + "; the generator answers each search "
             + latency + " ms late (one thread per request); the sequential loop and parallelism=1 walk "
             + sequentialItems + " products (" + sequentialItems / pageSize + " pages, one latency each: their rate"
             + " holds for any size), parallelism 4 and 8 walk " + ITEMS + ". floor = pages / parallelism x latency.");
        line(String.format(Locale.ROOT, "  %-50s %4s %8s %8s %9s %8s %8s %11s %5s %8s", "contender", "par", "items",
                "seconds", "items/s", "floor s", "x floor", "heap peak*", "GCs", "x loop"));
        rows.add(latencyRow(sequential, 1, pageSize, latency, sequential));
        rows.add(latencyRow(one, 1, pageSize, latency, sequential));
        for (int i = 0; i < parallel.length; i++) {
            rows.add(latencyRow(walks[i], parallel[i], pageSize, latency, sequential));
        }
        line("  * heap in use sampled every 10 ms, the generator server (same JVM) included; two boundary searches"
             + " (lowest and highest id) precede each accs walk with parallelism > 1.");
        json.put("latencyExport", Map.of("latencyMillis", latency, "pageSize", pageSize, "walks", rows));

        ExportBenchmark.Walk eight = walks[parallel.length - 1];
        double speedup = eight.perSecond() / sequential.perSecond();
        double toFloor = eight.elapsedNanos() / 1e6 / floorMillis(eight.items(), pageSize, 8, latency);
        long maxHeap = Runtime.getRuntime().maxMemory();
        goal("export at " + latency + " ms latency, parallelism=8 vs sequential loop", ">= 6.0",
                String.format(Locale.ROOT, "%.2f (%.0f vs %.0f items/s)", speedup, eight.perSecond(),
                        sequential.perSecond()), speedup >= 6.0 && eight.items() == ITEMS);
        goal("export at " + latency + " ms latency, parallelism=8 vs the floor", "<= 1.30",
                String.format(Locale.ROOT, "%.3f (%.1f s vs %.1f s)", toFloor, eight.elapsedNanos() / 1e9,
                        floorMillis(eight.items(), pageSize, 8, latency) / 1000), toFloor <= 1.3);
        long heapPeak = java.util.Arrays.stream(walks).mapToLong(ExportBenchmark.Walk::sampledPeakHeap).max().orElse(0);
        goal("export at " + latency + " ms latency, heap (max " + maxHeap / 1048576 + " MiB)", "< 128 MiB",
                HeapMeter.mib(heapPeak) + " sampled peak", heapPeak < 128L * 1048576 && maxHeap <= 130L * 1048576);
    }

    private static double floorMillis(long items, int pageSize, int parallelism, long latency) {
        long pages = (items + pageSize - 1) / pageSize;
        return (double) pages / parallelism * latency;
    }

    private Map<String, Object> latencyRow(ExportBenchmark.Walk w, int parallelism, int pageSize, long latency,
                                           ExportBenchmark.Walk sequential) {
        double floor = floorMillis(w.items(), pageSize, parallelism, latency);
        double toFloor = w.elapsedNanos() / 1e6 / floor;
        double x = w.perSecond() / sequential.perSecond();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("contender", w.contender());
        r.put("parallelism", parallelism);
        r.put("items", w.items());
        r.put("seconds", round3(w.elapsedNanos() / 1e9));
        r.put("itemsPerSecond", round1(w.perSecond()));
        r.put("floorSeconds", round3(floor / 1000));
        r.put("ratioToFloor", round3(toFloor));
        r.put("ratioToSequentialLoop", round3(x));
        r.put("heapPeakSampledMiB", round1(w.sampledPeakHeap() / 1048576.0));
        r.put("gcCount", w.gcCount());
        r.put("searchRequests", w.requests());
        line(String.format(Locale.ROOT, "  %-50s %4d %8d %8.2f %9.0f %8.2f %8.3f %11s %5d %8.2f", w.contender(),
                parallelism, w.items(), w.elapsedNanos() / 1e9, w.perSecond(), floor / 1000, toFloor,
                HeapMeter.mib(w.sampledPeakHeap()), w.gcCount(), x));
        return r;
    }

    private Map<String, Object> walkRow(ExportBenchmark.Walk w, ExportBenchmark.Walk reference, int rounds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("contender", w.contender());
        r.put("pageSize", w.pageSize());
        r.put("rounds", rounds);
        r.put("items", w.items());
        r.put("seconds", round3(w.elapsedNanos() / 1e9));
        r.put("itemsPerSecond", round1(w.perSecond()));
        r.put("heapPeakSampledMiB", round1(w.sampledPeakHeap() / 1048576.0));
        r.put("heapPoolPeaksSumMiB", round1(w.poolPeakHeap() / 1048576.0));
        r.put("heapAfterGcMaxMiB", round1(w.maxAfterGc() / 1048576.0));
        r.put("gcCount", w.gcCount());
        r.put("gcMillis", w.gcMillis());
        r.put("searchRequests", w.requests());
        double x = w.perSecond() / reference.perSecond();
        r.put("ratioToJackson", round3(x));
        line(String.format(Locale.ROOT, "  %-50s %5d %8d %8.2f %9.0f %11s %11s %11s %5d %8.3f", w.contender(),
                w.pageSize(), w.items(), w.elapsedNanos() / 1e9, w.perSecond(), HeapMeter.mib(w.sampledPeakHeap()),
                HeapMeter.mib(w.poolPeakHeap()), HeapMeter.mib(w.maxAfterGc()), w.gcCount(), x));
        return r;
    }

    private static int sampleSize() {
        StringBuilder sb = new StringBuilder();
        GeneratorServer.product(sb, 1);
        return sb.length();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 5. shutdown with exchanges waiting on Retry-After

    /**
     * A CamelContext stopped while {@code bench.shutdownExchanges} (200) exchanges wait on a {@code Retry-After: 30}:
     * how long the stop takes, how the exchanges end, and how many threads the waiting held.
     */
    private void shutdown() throws Exception {
        int exchanges = Integer.getInteger("bench.shutdownExchanges", 200);
        int retryAfter = Integer.getInteger("bench.shutdownRetryAfter", 30);
        long timeout = Long.getLong("bench.shutdownTimeout", 10);
        Duration window = Duration.ofSeconds(3);
        Duration grace = Duration.ofSeconds(Long.getLong("bench.shutdownGraceSeconds", 45));
        ShutdownBenchmark.Result r;
        try (ShutdownBenchmark bench = new ShutdownBenchmark(exchanges, retryAfter, timeout)) {
            r = bench.run(Duration.ofSeconds(60), window, grace);
        }
        int failed = ShutdownBenchmark.FAILED;
        int ok = ShutdownBenchmark.OK;
        int waiting = ShutdownBenchmark.PENDING;
        line("");
        line("5. SHUTDOWN: " + exchanges + " exchanges to from(\"" + ShutdownBenchmark.ROUTE + "\").to(\"accs:get:"
             + "/V1/products/{sku}?maxRetries=3&retryTimeout=" + 4 * retryAfter + "s\"), each sent through the direct"
             + " endpoint's AsyncProducer; the generator answers every read 429 with Retry-After: " + retryAfter
             + "; once it has refused all, the context is stopped (shutdown timeout " + timeout + " s).");
        line(String.format(Locale.ROOT, "  refused by the server before the stop: %d of %d (after %.2f s)", r.refused(),
                exchanges, r.waitSeconds()));
        line(String.format(Locale.ROOT, "  threads while waiting: %d live (%+d over before the sends), %d asleep or"
                                        + " parked in io.camelaccs code, %d senders still held by their send",
                r.threadsWaiting(), r.threadDelta(), r.threadsBlockedInAccs(), r.sendersHeld()));
        r.blockedAt().forEach((frame, n) -> line(String.format(Locale.ROOT, "    %4d asleep or parked in %s", n, frame)));
        line(String.format(Locale.ROOT, "  context.stop(): %.2f s", r.stopSeconds()));
        line(String.format(Locale.ROOT, "  %-52s %8s %8s %8s", "exchanges", "failed", "OK", "waiting"));
        line(String.format(Locale.ROOT, "  %-52s %8d %8d %8d", "when the stop returned", r.atStop()[failed],
                r.atStop()[ok], r.atStop()[waiting]));
        line(String.format(Locale.ROOT, "  %-52s %8d %8d %8d", "within " + r.windowSeconds() + " s of the stop",
                r.inWindow()[failed], r.inWindow()[ok], r.inWindow()[waiting]));
        String end = "at the end, <= " + r.graceSeconds() + " s after the stop (waiting = lost)";
        line(String.format(Locale.ROOT, "  %-52s %8d %8d %8d", end, r.atEnd()[failed], r.atEnd()[ok],
                r.atEnd()[waiting]));
        line(String.format(Locale.ROOT, "  last exchange completed %.2f s after the stop began; callbacks repeated: %d;"
                                        + " first exception: %s", r.lastCompletedSeconds(), r.callbacksRepeated(),
                r.firstError() == null ? "none" : r.firstError()));

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("exchanges", exchanges);
        s.put("retryAfterSeconds", retryAfter);
        s.put("shutdownTimeoutSeconds", timeout);
        s.put("refusedBeforeStop", r.refused());
        s.put("secondsUntilAllRefused", round3(r.waitSeconds()));
        s.put("liveThreadsBeforeSends", r.threadsBefore());
        s.put("liveThreadsWhileWaiting", r.threadsWaiting());
        s.put("liveThreadDelta", r.threadDelta());
        s.put("threadsAsleepOrParkedInAccs", r.threadsBlockedInAccs());
        s.put("threadsAsleepOrParkedAt", r.blockedAt());
        s.put("sendersHeldBySend", r.sendersHeld());
        s.put("stopSeconds", round3(r.stopSeconds()));
        s.put("whenStopReturned", outcomes(r.atStop()));
        s.put("windowSeconds", r.windowSeconds());
        s.put("windowAfterStopBegan", outcomes(r.inWindow()));
        s.put("graceSeconds", r.graceSeconds());
        s.put("atEnd", outcomes(r.atEnd()));
        s.put("lost", r.lost());
        s.put("lastCompletedSecondsAfterStopBegan", Double.isNaN(r.lastCompletedSeconds()) ? null
                : round3(r.lastCompletedSeconds()));
        s.put("callbacksRepeated", r.callbacksRepeated());
        s.put("firstException", r.firstError());
        json.put("shutdown", s);

        String precondition = r.allWaiting() ? "" : " (only " + r.refused() + " of " + exchanges + " were waiting)";
        goal("stop with " + exchanges + " exchanges waiting on Retry-After: " + retryAfter, "< 3 s",
                String.format(Locale.ROOT, "%.2f s (shutdown timeout %d s)%s", r.stopSeconds(), timeout, precondition),
                r.allWaiting() && r.stopSeconds() < 3);
        goal("exchanges failed visibly within " + r.windowSeconds() + " s of the stop", exchanges + " of " + exchanges,
                r.inWindow()[failed] + " failed (" + r.atStop()[failed] + " when the stop returned), "
                + r.inWindow()[ok] + " OK, " + r.inWindow()[waiting] + " still waiting" + precondition,
                r.allWaiting() && r.inWindow()[failed] == exchanges);
        goal("exchanges lost (never completed, " + r.graceSeconds() + " s after the stop)", "0",
                r.lost() + (r.callbacksRepeated() > 0 ? ", " + r.callbacksRepeated() + " callbacks repeated" : ""),
                r.allWaiting() && r.lost() == 0 && r.callbacksRepeated() == 0);
        // new threads are allowed up to the component's fixed pools (its request workers are as many as
        // maxConnections, 20 by default, plus the timer and the token refresh): what must not grow is a thread per
        // exchange, nor any thread waiting in the component's code
        int pools = ShutdownBenchmark.MAX_CONNECTIONS + 5;
        boolean noThreadPerExchange = r.threadsBlockedInAccs() < exchanges / 10 && r.threadDelta() <= pools;
        goal("threads blocked per waiting exchange", "~0", String.format(Locale.ROOT, "%.2f (%d asleep or parked in"
                                                                              + " io.camelaccs code, live threads %+d for"
                                                                              + " %d exchanges, pools at most %d)%s%s",
                (double) r.threadsBlockedInAccs() / exchanges, r.threadsBlockedInAccs(), r.threadDelta(), exchanges,
                pools, noThreadPerExchange ? ": no thread per exchange" : "", precondition),
                r.allWaiting() && noThreadPerExchange);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 6. idle cost after a burst

    /**
     * {@code bench.burstItems} (20 000) products stamped in one second, synced at page {@code bench.burstPageSize}
     * (100): the look-back searches until polls cost one search, and the delay of a change saved right after the burst.
     */
    private void burst() throws Exception {
        int items = Integer.getInteger("bench.burstItems", 20_000);
        int pageSize = Integer.getInteger("bench.burstPageSize", 100);
        long delay = Long.getLong("bench.burstDelay", 500);
        long overlap = Long.getLong("bench.burstOverlap", 2000);
        BurstBenchmark.Result r;
        try (BurstBenchmark bench = new BurstBenchmark(items, pageSize, delay, overlap)) {
            r = bench.run();
        }
        long lookBack = r.passes().stream().mapToLong(Long::longValue).sum();
        double changePolls = (double) r.changeDelayMillis() / delay;
        line("");
        line("6. IDLE COST AFTER A BURST: " + items + " products stamped in one second, then nothing new; from(\"accs:get:"
             + "/V1/products?incrementalField=updated_at&pageSize=" + pageSize + "&delay=" + delay
             + "&incrementalOverlap=" + overlap + "\") on the real clock; a product saved right after the burst.");
        line(String.format(Locale.ROOT, "  burst delivered in %d searches; then %d searches until 5 polls in a row cost"
                                        + " one search, %d of them in look-back passes %s", r.searchesToDeliver(),
                r.searchesToSettle(), lookBack, r.passes()));
        line(String.format(Locale.ROOT, "  the change saved after the burst delivered after %d ms (%.1f poll intervals);"
                                        + " products delivered twice: %d", r.changeDelayMillis(), changePolls,
                r.repeatedDeliveries()));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("items", items);
        b.put("pageSize", pageSize);
        b.put("delayMillis", delay);
        b.put("incrementalOverlapMillis", overlap);
        b.put("searchesToDeliver", r.searchesToDeliver());
        b.put("searchesUntilPollsCostOne", r.searchesToSettle());
        b.put("lookBackPasses", r.passes());
        b.put("lookBackSearches", lookBack);
        b.put("changeDelayMillis", r.changeDelayMillis());
        b.put("changeDelayPollIntervals", round1(changePolls));
        b.put("repeatedDeliveries", r.repeatedDeliveries());
        json.put("burst", b);
        int onePass = (items + 1 + pageSize - 1) / pageSize + ((items + 1) % pageSize == 0 ? 1 : 0);
        goal("look-back after " + items + " items of one second (page " + pageSize + ")", "1 pass, <= " + onePass
                                                                                         + " searches",
                r.passes().size() + " pass(es), " + lookBack + " searches", r.passes().size() <= 1 && lookBack <= onePass);
        goal("a change saved during that time delivered", "< 2 poll intervals", String.format(Locale.ROOT,
                "%.1f (%d ms at delay %d ms)", changePolls, r.changeDelayMillis(), delay), changePolls < 2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 7. events journal catch-up

    /**
     * {@code bench.journalEvents} (100 000) events of an I/O Events journal on loopback, read by
     * {@code accs-events:journal} into a route that only counts, against a plain Jackson loop over the same journal;
     * {@code bench.journalRounds} (3) interleaved rounds after a warm-up on a journal of 20 000.
     */
    private void journal() throws Exception {
        double loadBefore = loadAverage();
        int events = Integer.getInteger("bench.journalEvents", 100_000);
        int limit = Integer.getInteger("bench.journalLimit", 100);
        int rounds = Integer.getInteger("bench.journalRounds", 3);
        try (JournalServer small = new JournalServer(Math.min(events, 20_000));
             JournalBenchmark warm = new JournalBenchmark(small, limit)) {
            for (int w = 0; w < 2; w++) {
                warm.accs();
                warm.jackson();
                warm.jacksonMaps();
            }
        }
        try (JournalServer server = new JournalServer(events); JournalBenchmark bench = new JournalBenchmark(server, limit)) {
            line("");
            line("7. EVENTS JOURNAL CATCH-UP: " + events + " catalog_product_save events of about "
                 + ProductSaveEvent.sampleSize() + " bytes in an I/O Events journal generated on the fly by a JDK"
                 + " HttpServer (2 workers) on loopback, limit=" + limit + ", Link rel=next, 204 + retry-after at the"
                 + " end; until the route has seen every event. accs: from(\"accs-events:journal?journalUrl=...&limit="
                 + limit + "&stateRepository=#journalState&initialDelay=0\") (a MemoryStateRepository; the default"
                 + " idempotent repository: in memory, last 10 000 ids), a new CamelContext and a new journal per walk;"
                 + " max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB; " + rounds + " rounds, contenders"
                 + " interleaved (each round starting with the next), after a warm-up on a journal of "
                 + Math.min(events, 20_000) + ".");
            JournalBenchmark.Result[] accsWalks = new JournalBenchmark.Result[rounds];
            JournalBenchmark.Result[] jacksonWalks = new JournalBenchmark.Result[rounds];
            JournalBenchmark.Result[] mapsWalks = new JournalBenchmark.Result[rounds];
            List<Double> perRound = new ArrayList<>();
            List<Double> perRoundMaps = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // each round starts with another contender, so that none always walks first after the last one's garbage
                for (int k = 0; k < 3; k++) {
                    switch ((k + r) % 3) {
                        case 0 -> accsWalks[r] = bench.accs();
                        case 1 -> jacksonWalks[r] = bench.jackson();
                        default -> mapsWalks[r] = bench.jacksonMaps();
                    }
                }
                perRound.add(accsWalks[r].walk().perSecond() / jacksonWalks[r].walk().perSecond());
                perRoundMaps.add(accsWalks[r].walk().perSecond() / mapsWalks[r].walk().perSecond());
                console.printf(Locale.ROOT, "   round %d: accs %.0f events/s (heap peak %s), Jackson %.0f events/s (heap"
                                               + " peak %s), Jackson to Maps %.0f events/s; ratio %.3f (to Maps %.3f)%n",
                        r + 1, accsWalks[r].walk().perSecond(), HeapMeter.mib(accsWalks[r].walk().sampledPeakHeap()),
                        jacksonWalks[r].walk().perSecond(), HeapMeter.mib(jacksonWalks[r].walk().sampledPeakHeap()),
                        mapsWalks[r].walk().perSecond(), perRound.get(r), perRoundMaps.get(r));
            }
            JournalBenchmark.Result accs = sum(JournalBenchmark.ACCS, accsWalks);
            JournalBenchmark.Result jackson = sum(JournalBenchmark.JACKSON, jacksonWalks);
            JournalBenchmark.Result maps = sum(JournalBenchmark.JACKSON_MAPS, mapsWalks);
            line(String.format(Locale.ROOT, "  %-48s %6s %7s %9s %11s %10s %4s %9s %9s %8s %8s", "contender", "events",
                    "seconds", "events/s", "heap peak*", "after GC", "GCs", "reader us", "reader KB", "jvm us",
                    "x Jackson"));
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(journalRow(accs, jackson, rounds));
            rows.add(journalRow(jackson, jackson, rounds));
            rows.add(journalRow(maps, jackson, rounds));
            line("  * heap in use sampled every 10 ms, the journal server (same JVM) included: the largest of the rounds;"
                 + " after GC: the most heap in use right after a collection; GCs: in the round of the peak. reader us"
                 + " and KB: CPU time and heap allocated per event by the thread that reads the journal and hands out the"
                 + " events (accs: the consumer's thread; the loops: their own); jvm us: the process's CPU per event"
                 + " (the server, GC and JIT included).");
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("events", events);
            j.put("eventBytes", ProductSaveEvent.sampleSize());
            j.put("limit", limit);
            j.put("rounds", rounds);
            j.put("stateRepository", "MemoryStateRepository (bean journalState)");
            j.put("idempotentRepository", "the endpoint's default (MemoryIdempotentRepository, 10000 ids)");
            j.put("walks", rows);
            j.put("perRoundRatioToJackson", perRound.stream().map(BenchmarkMain::round3).toList());
            j.put("perRoundRatioToJacksonMaps", perRoundMaps.stream().map(BenchmarkMain::round3).toList());
            j.put("bytesServedByGenerator", server.bytesServed.get());
            j.put("requestsRefused", server.refused.get());
            j.put("loadAverageBefore", loadBefore);
            j.put("loadAverageAfter", loadAverage());
            line("  load average (1 min): " + loadBefore + " before the section, " + loadAverage() + " after, on "
                 + Runtime.getRuntime().availableProcessors() + " cores");
            json.put("journal", j);

            ExportBenchmark.Walk a = accs.walk();
            ExportBenchmark.Walk jw = jackson.walk();
            double ratio = a.perSecond() / jw.perSecond();
            long maxHeap = Runtime.getRuntime().maxMemory();
            boolean complete = java.util.Arrays.stream(accsWalks).allMatch(w -> w.walk().items() == events);
            goal("journal catch-up of " + events + " events vs Jackson loop", ">= 0.80", String.format(Locale.ROOT,
                    "%.3f (%.0f vs %.0f events/s; median of per-round ratios %.3f; reader CPU %.1f vs %.1f us/event)",
                    ratio, a.perSecond(), jw.perSecond(), median(perRound), micros(accs.readerCpuNanos(), a.items()),
                    micros(jackson.readerCpuNanos(), jw.items())), ratio >= 0.8 && complete);
            double toMaps = a.perSecond() / maps.walk().perSecond();
            goal("journal catch-up vs Jackson loop to Maps (for information)", ">= 0.80", String.format(Locale.ROOT,
                    "%.3f (%.0f vs %.0f events/s; median of per-round ratios %.3f)", toMaps, a.perSecond(),
                    maps.walk().perSecond(), median(perRoundMaps)), toMaps >= 0.8 && complete);
            goal("journal catch-up heap (max " + maxHeap / 1048576 + " MiB)", "< 128 MiB", String.format(Locale.ROOT,
                    "%s sampled peak, %s after GC", HeapMeter.mib(a.sampledPeakHeap()), HeapMeter.mib(a.maxAfterGc())),
                    complete && a.sampledPeakHeap() < 128L * 1048576 && maxHeap <= 130L * 1048576);
        }
    }

    private Map<String, Object> journalRow(JournalBenchmark.Result result, JournalBenchmark.Result reference, int rounds) {
        ExportBenchmark.Walk w = result.walk();
        double x = w.perSecond() / reference.walk().perSecond();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("contender", w.contender());
        r.put("limit", w.pageSize());
        r.put("rounds", rounds);
        r.put("events", w.items());
        r.put("seconds", round3(w.elapsedNanos() / 1e9));
        r.put("eventsPerSecond", round1(w.perSecond()));
        r.put("heapPeakSampledMiB", round1(w.sampledPeakHeap() / 1048576.0));
        r.put("heapPoolPeaksSumMiB", round1(w.poolPeakHeap() / 1048576.0));
        r.put("heapAfterGcMaxMiB", round1(w.maxAfterGc() / 1048576.0));
        r.put("gcCount", w.gcCount());
        r.put("journalRequests", w.requests());
        r.put("readerCpuMicrosPerEvent", round3(micros(result.readerCpuNanos(), w.items())));
        r.put("readerAllocatedBytesPerEvent", Math.round((double) result.readerAllocatedBytes() / w.items()));
        r.put("jvmCpuMicrosPerEvent", round3(micros(result.processCpuNanos(), w.items())));
        r.put("ratioToJackson", round3(x));
        line(String.format(Locale.ROOT, "  %-48s %6d %7.2f %9.0f %11s %10s %4d %9.2f %9.2f %8.2f %8.3f", w.contender(),
                w.items(), w.elapsedNanos() / 1e9, w.perSecond(), HeapMeter.mib(w.sampledPeakHeap()),
                HeapMeter.mib(w.maxAfterGc()), w.gcCount(), micros(result.readerCpuNanos(), w.items()),
                result.readerAllocatedBytes() / 1024.0 / w.items(), micros(result.processCpuNanos(), w.items()), x));
        return r;
    }

    private static double micros(long nanos, long count) {
        return nanos / 1000.0 / count;
    }

    /** The walks of one contender as one: items, time and CPU added, the heap figures of its largest round. */
    private static JournalBenchmark.Result sum(String contender, JournalBenchmark.Result[] results) {
        long items = 0;
        long nanos = 0;
        long requests = 0;
        long readerCpu = 0;
        long readerAlloc = 0;
        long cpu = 0;
        ExportBenchmark.Walk max = results[0].walk();
        long poolPeak = 0;
        long afterGc = 0;
        for (JournalBenchmark.Result r : results) {
            ExportBenchmark.Walk w = r.walk();
            items += w.items();
            nanos += w.elapsedNanos();
            requests += w.requests();
            readerCpu += r.readerCpuNanos();
            readerAlloc += r.readerAllocatedBytes();
            cpu += r.processCpuNanos();
            max = w.sampledPeakHeap() > max.sampledPeakHeap() ? w : max;
            poolPeak = Math.max(poolPeak, w.poolPeakHeap());
            afterGc = Math.max(afterGc, w.maxAfterGc());
        }
        return new JournalBenchmark.Result(new ExportBenchmark.Walk(contender, max.pageSize(), items, nanos,
                max.sampledPeakHeap(), poolPeak, max.gcCount(), max.gcMillis(), requests, afterGc), readerCpu, readerAlloc,
                cpu);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 8. events webhook

    /**
     * {@code bench.webhookDeliveries} (2 000) signed single-event deliveries per contender from
     * {@code bench.webhookSenders} (32) senders, in {@code bench.webhookRounds} (5) interleaved rounds after a warm-up:
     * accs-events:webhook against a plain platform-http route on the same Vert.x server.
     */
    private void webhook() throws Exception {
        double loadBefore = loadAverage();
        int deliveries = Integer.getInteger("bench.webhookDeliveries", 2000);
        int rounds = Integer.getInteger("bench.webhookRounds", 5);
        int warmup = Integer.getInteger("bench.webhookWarmup", 2000);
        int senders = Integer.getInteger("bench.webhookSenders", 32);
        String[] contenders = { WebhookBenchmark.ACCS, WebhookBenchmark.PLAIN };
        Map<String, WebhookAggregate> results = new LinkedHashMap<>();
        Map<String, WebhookAggregate> diagnostics = new LinkedHashMap<>();
        List<Double> p99Ratios = new ArrayList<>();
        long sent = 0;
        long keyFetches;
        long accsRouted;
        long plainRouted;
        try (WebhookBenchmark bench = new WebhookBenchmark(senders)) {
            line("");
            line("8. EVENTS WEBHOOK: " + deliveries + " signed single-event deliveries (catalog_product_save, about "
                 + ProductSaveEvent.sampleSize() + " bytes, each its own event id and a current time, SHA256withRSA"
                 + " 2048) per contender from " + senders + " concurrent senders (Apache HttpClient 5, one connection"
                 + " each) to one platform-http server (Vert.x) on loopback: from(\"accs-events:webhook:/hook?"
                 + "publicKeyBaseUrl=<loopback key host>\") into a no-op route, against from(\"platform-http:/plain\")"
                 + " answering the same 200 to the same requests; " + rounds + " rounds of " + deliveries / rounds
                 + " per contender, interleaved (order alternating), after a warm-up of " + warmup + " each.");
            // warm-up: first with few senders, so that the JIT compiler threads get CPU, then at full load
            List<WebhookBenchmark.Delivery> warm = bench.sign(warmup);
            int half = warmup / 2;
            for (String c : contenders) {
                bench.run(c, warm.subList(0, half), Math.min(4, senders));
            }
            for (String c : contenders) {
                bench.run(c, warm.subList(half, warmup), senders);
            }
            sent += warmup;
            for (int r = 1; r <= rounds; r++) {
                List<WebhookBenchmark.Delivery> batch = bench.sign(deliveries / rounds);
                sent += batch.size();
                Map<String, WebhookBenchmark.Phase> round = new LinkedHashMap<>();
                for (int k = 0; k < contenders.length; k++) {
                    String c = contenders[(k + r + 1) % contenders.length];
                    WebhookBenchmark.Phase p = bench.run(c, batch, senders);
                    round.put(c, p);
                    results.computeIfAbsent(c, x -> new WebhookAggregate()).add(p);
                }
                for (String c : contenders) {
                    WebhookBenchmark.Phase p = round.get(c);
                    console.printf(Locale.ROOT, "   round %d %-36s %7.0f deliveries/s  p50 %6.2f ms  p99 %6.2f ms"
                                                   + "  errors %d  GCs %d (%d ms)%n", r, c, p.perSecond(),
                            p.latencies().percentileMillis(0.5), p.latencies().percentileMillis(0.99), p.errors(),
                            p.gcCount(), p.gcMillis());
                }
                p99Ratios.add(round.get(WebhookBenchmark.ACCS).latencies().percentileMillis(0.99)
                              / round.get(WebhookBenchmark.PLAIN).latencies().percentileMillis(0.99));
            }
            // diagnostic: one sender, so that no request waits behind another: the answer time is the cost of one
            // delivery (server, route, client), which holds better than the queueing of 32 on a busy machine
            for (int r = 1; r <= 2; r++) {
                List<WebhookBenchmark.Delivery> batch = bench.sign(deliveries / rounds);
                sent += batch.size();
                for (int k = 0; k < contenders.length; k++) {
                    String c = contenders[(k + r + 1) % contenders.length];
                    diagnostics.computeIfAbsent(c + ", 1 sender", x -> new WebhookAggregate())
                            .add(bench.run(c, batch, 1));
                }
            }
            keyFetches = bench.keyFetches.get();
            accsRouted = bench.accsRouted.sum();
            plainRouted = bench.plainRouted.sum();
        }
        WebhookAggregate accs = results.get(WebhookBenchmark.ACCS);
        WebhookAggregate plain = results.get(WebhookBenchmark.PLAIN);
        line(String.format(Locale.ROOT, "  %-40s %10s %8s %7s %7s %7s %7s %6s %7s %7s %9s %4s %6s", "contender",
                "deliveries", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "x p50", "x p99", "jvm us", "GCs",
                "GC ms"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, WebhookAggregate> e : results.entrySet()) {
            rows.add(webhookRow(e.getKey(), e.getValue(), plain));
        }
        line("  diagnostic: 1 sender, " + 2 * deliveries / rounds + " deliveries per contender in 2 interleaved rounds"
             + " (ratios against the plain route with 1 sender):");
        List<Map<String, Object>> diagRows = new ArrayList<>();
        WebhookAggregate plainOne = diagnostics.get(WebhookBenchmark.PLAIN + ", 1 sender");
        for (Map.Entry<String, WebhookAggregate> e : diagnostics.entrySet()) {
            diagRows.add(webhookRow(e.getKey(), e.getValue(), plainOne));
        }
        line(String.format(Locale.ROOT, "  answer time at the sender (request written to answer read); jvm us = the"
                                        + " process's CPU per delivery over the rounds (senders, server, route, GC);"
                                        + " GCs and GC ms: collections during the rounds (a pause holds every request in"
                                        + " flight)."
                                        + " Routed: accs %d of %d deliveries sent to it (warm-up included), plain %d;"
                                        + " public key fetched %d time(s)", accsRouted, sent, plainRouted, keyFetches));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("deliveries", deliveries);
        w.put("senders", senders);
        w.put("rounds", rounds);
        w.put("warmupDeliveries", warmup);
        w.put("eventBytes", ProductSaveEvent.sampleSize());
        w.put("engine", "camel-platform-http-vertx");
        w.put("contenders", rows);
        w.put("diagnostics", diagRows);
        w.put("perRoundP99RatioToPlain", p99Ratios.stream().map(BenchmarkMain::round3).toList());
        w.put("accsRouted", accsRouted);
        w.put("accsSent", sent);
        w.put("plainRouted", plainRouted);
        w.put("publicKeyFetches", keyFetches);
        w.put("loadAverageBefore", loadBefore);
        w.put("loadAverageAfter", loadAverage());
        line("  load average (1 min): " + loadBefore + " before the section, " + loadAverage() + " after, on "
             + Runtime.getRuntime().availableProcessors() + " cores");
        json.put("webhook", w);

        double p99 = accs.hist.percentileMillis(0.99) / plain.hist.percentileMillis(0.99);
        double p50 = accs.hist.percentileMillis(0.5) / plain.hist.percentileMillis(0.5);
        boolean clean = accs.errors == 0 && plain.errors == 0 && accsRouted == sent
                        && diagnostics.values().stream().allMatch(d -> d.errors == 0);
        WebhookAggregate accsOne = diagnostics.get(WebhookBenchmark.ACCS + ", 1 sender");
        goal("webhook p99 vs plain platform-http (" + senders + " senders)", "<= 1.50", String.format(Locale.ROOT,
                "%.3f (%.2f vs %.2f ms; p50 %.2f vs %.2f ms, x%.3f; median of per-round p99 ratios %.3f; 1 sender:"
                + " p50 %.2f vs %.2f ms; errors %d)%s", p99, accs.hist.percentileMillis(0.99),
                plain.hist.percentileMillis(0.99), accs.hist.percentileMillis(0.5), plain.hist.percentileMillis(0.5), p50,
                median(p99Ratios), accsOne.hist.percentileMillis(0.5), plainOne.hist.percentileMillis(0.5),
                accs.errors + plain.errors, accsRouted == sent ? "" : " (routed " + accsRouted + " of " + sent + ")"),
                p99 <= 1.5 && clean);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 9. Commerce webhooks (accs-webhook:)

    /**
     * {@code bench.commerceHookCalls} (8 000) signed calls per contender from {@code bench.commerceHookCallers} (200)
     * concurrent callers, in {@code bench.commerceHookRounds} (4) interleaved rounds after a warm-up: an accs-webhook
     * route answering one replace against a plain platform-http route answering the same JSON, on one Vert.x server.
     */
    private void commerceWebhook() throws Exception {
        double loadBefore = loadAverage();
        int calls = Integer.getInteger("bench.commerceHookCalls", 8000);
        int rounds = Integer.getInteger("bench.commerceHookRounds", 4);
        int warmup = Integer.getInteger("bench.commerceHookWarmup", 4000);
        int callers = Integer.getInteger("bench.commerceHookCallers", 200);
        long replyTimeout = Long.getLong("bench.commerceHookReplyTimeout", 4500);
        String[] contenders = { CommerceWebhookBenchmark.ACCS, CommerceWebhookBenchmark.PLAIN,
            CommerceWebhookBenchmark.UNSIGNED };
        Map<String, Histogram> hists = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>(); // calls, errors, late, nanos, process CPU nanos
        Map<String, String> firstErrors = new LinkedHashMap<>();
        List<Double> p99Ratios = new ArrayList<>();
        String componentCounts;
        long componentLate;
        try (CommerceWebhookBenchmark bench = new CommerceWebhookBenchmark(callers, replyTimeout)) {
            line("");
            line("9. COMMERCE WEBHOOKS: " + calls + " signed shipping-rate calls (about "
                 + CommerceWebhookBenchmark.payload(0).length() + " bytes, SHA256withRSA 2048 over the Base64 of the"
                 + " body) per contender from " + callers + " concurrent callers (Apache HttpClient 5, one connection"
                 + " each) to one platform-http server (Vert.x) on loopback: from(\"accs-webhook:/hook?publicKey=..."
                 + "&replyTimeout=" + replyTimeout + "\") answering WebhookOperations.replace(\"result/0/amount\", 6.5),"
                 + " against from(\"platform-http:/plain\") answering the same JSON (and, to tell the signature check"
                 + " from the rest, the accs route with verifySignature=false); " + rounds + " rounds of "
                 + calls / rounds + " per contender, interleaved (order alternating), after a warm-up of " + warmup
                 + " each; every answer's status and body checked.");
            List<CommerceWebhookBenchmark.Call> signed = bench.sign(1000);
            for (String c : contenders) {
                bench.run(c, repeat(signed, warmup / 2), Math.min(8, callers));
                bench.run(c, repeat(signed, warmup / 2), callers);
            }
            long lateBefore = bench.componentLate();
            for (int r = 1; r <= rounds; r++) {
                Map<String, CommerceWebhookBenchmark.Phase> round = new LinkedHashMap<>();
                for (int k = 0; k < contenders.length; k++) {
                    String c = contenders[(k + r + 1) % contenders.length];
                    CommerceWebhookBenchmark.Phase p = bench.run(c, repeat(signed, calls / rounds), callers);
                    round.put(c, p);
                    hists.computeIfAbsent(c, x -> new Histogram()).add(p.latencies());
                    long[] n = counts.computeIfAbsent(c, x -> new long[5]);
                    n[0] += p.calls();
                    n[1] += p.errors();
                    n[2] += p.late();
                    n[3] += p.elapsedNanos();
                    n[4] += p.processCpuNanos();
                    if (p.firstError() != null) {
                        firstErrors.putIfAbsent(c, p.firstError());
                    }
                }
                for (String c : contenders) {
                    CommerceWebhookBenchmark.Phase p = round.get(c);
                    console.printf(Locale.ROOT, "   round %d %-40s %7.0f calls/s  p50 %7.2f ms  p99 %7.2f ms  errors %d"
                                                   + "  late %d%n", r, c, p.perSecond(), p.latencies().percentileMillis(0.5),
                            p.latencies().percentileMillis(0.99), p.errors(), p.late());
                }
                p99Ratios.add(round.get(CommerceWebhookBenchmark.ACCS).latencies().percentileMillis(0.99)
                              / round.get(CommerceWebhookBenchmark.PLAIN).latencies().percentileMillis(0.99));
            }
            componentLate = bench.componentLate() - lateBefore;
            componentCounts = bench.componentCounts();
        }
        line(String.format(Locale.ROOT, "  %-40s %7s %8s %7s %7s %7s %7s %6s %5s %7s %8s", "contender", "calls", "per s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "errors", "late", "x p99", "jvm us"));
        Histogram plain = hists.get(CommerceWebhookBenchmark.PLAIN);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String c : contenders) {
            Histogram h = hists.get(c);
            long[] n = counts.get(c);
            double xp99 = h.percentileMillis(0.99) / plain.percentileMillis(0.99);
            line(String.format(Locale.ROOT, "  %-40s %7d %8.0f %7.2f %7.2f %7.2f %7.2f %6d %5d %7.3f %8.1f", c, n[0],
                    n[0] / (n[3] / 1e9), h.percentileMillis(0.5), h.percentileMillis(0.9), h.percentileMillis(0.99),
                    h.percentileMillis(1.0), n[1], n[2], xp99, n[4] / 1e3 / n[0]));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("contender", c);
            row.put("calls", n[0]);
            row.put("callsPerSecond", round1(n[0] / (n[3] / 1e9)));
            row.put("p50Millis", h.percentileMillis(0.5));
            row.put("p90Millis", h.percentileMillis(0.9));
            row.put("p99Millis", h.percentileMillis(0.99));
            row.put("maxMillis", h.percentileMillis(1.0));
            row.put("errors", n[1]);
            row.put("firstError", firstErrors.get(c));
            row.put("laterThanReplyTimeout", n[2]);
            row.put("p99RatioToPlain", round3(xp99));
            row.put("jvmCpuMicrosPerCall", round1(n[4] / 1e3 / n[0]));
            rows.add(row);
        }
        line("  answer time at the caller (request written to answer read); jvm us = the process's CPU per call (callers,"
             + " server, route, GC); late = answers later than replyTimeout ("
             + replyTimeout + " ms) at the caller; the component's own count over the rounds: " + componentLate
             + " answered as fallback after replyTimeout (" + componentCounts + ", warm-up included)");
        Histogram accs = hists.get(CommerceWebhookBenchmark.ACCS);
        double p99 = accs.percentileMillis(0.99) / plain.percentileMillis(0.99);
        long late = counts.get(CommerceWebhookBenchmark.ACCS)[2];
        long errors = counts.values().stream().mapToLong(n -> n[1]).sum();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("calls", calls);
        w.put("callers", callers);
        w.put("rounds", rounds);
        w.put("warmupCalls", warmup);
        w.put("replyTimeoutMillis", replyTimeout);
        w.put("engine", "camel-platform-http-vertx");
        w.put("contenders", rows);
        w.put("perRoundP99RatioToPlain", p99Ratios.stream().map(BenchmarkMain::round3).toList());
        w.put("componentLateAnswers", componentLate);
        w.put("loadAverageBefore", loadBefore);
        w.put("loadAverageAfter", loadAverage());
        line("  load average (1 min): " + loadBefore + " before the section, " + loadAverage() + " after, on "
             + Runtime.getRuntime().availableProcessors() + " cores");
        json.put("commerceWebhook", w);
        goal("accs-webhook p99 vs plain platform-http (" + callers + " callers)", "<= 1.30", String.format(Locale.ROOT,
                "%.3f (%.2f vs %.2f ms; p50 %.2f vs %.2f ms; median of per-round p99 ratios %.3f; errors %d)", p99,
                accs.percentileMillis(0.99), plain.percentileMillis(0.99), accs.percentileMillis(0.5),
                plain.percentileMillis(0.5), median(p99Ratios), errors), p99 <= 1.3 && errors == 0);
        goal("accs-webhook answers later than replyTimeout", "0", late + " at the caller, " + componentLate
                + " fallbacks for replyTimeout by the component", late == 0 && componentLate == 0);
    }

    /** {@code n} calls taken in turn from the signed ones. */
    private static List<CommerceWebhookBenchmark.Call> repeat(List<CommerceWebhookBenchmark.Call> signed, int n) {
        List<CommerceWebhookBenchmark.Call> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(signed.get(i % signed.size()));
        }
        return out;
    }

    private Map<String, Object> webhookRow(String name, WebhookAggregate a, WebhookAggregate plain) {
        double xp50 = a.hist.percentileMillis(0.5) / plain.hist.percentileMillis(0.5);
        double xp99 = a.hist.percentileMillis(0.99) / plain.hist.percentileMillis(0.99);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("contender", name);
        row.put("deliveries", a.deliveries);
        row.put("deliveriesPerSecond", round1(a.perSecond()));
        row.put("perRoundDeliveriesPerSecond", a.perRound.stream().map(BenchmarkMain::round1).toList());
        row.put("p50Millis", a.hist.percentileMillis(0.5));
        row.put("p90Millis", a.hist.percentileMillis(0.9));
        row.put("p99Millis", a.hist.percentileMillis(0.99));
        row.put("maxMillis", a.hist.percentileMillis(1.0));
        row.put("meanMillis", round3(a.hist.meanMillis()));
        row.put("perRoundP50Millis", a.perRoundP50);
        row.put("perRoundP99Millis", a.perRoundP99);
        row.put("errors", a.errors);
        row.put("firstError", a.firstError);
        row.put("p50RatioToPlain", round3(xp50));
        row.put("p99RatioToPlain", round3(xp99));
        row.put("jvmCpuMicrosPerDelivery", round1(a.cpuMicros()));
        row.put("gcCount", a.gcCount);
        row.put("gcMillis", a.gcMillis);
        line(String.format(Locale.ROOT, "  %-40s %10d %8.0f %7.2f %7.2f %7.2f %7.2f %6d %7.3f %7.3f %9.1f %4d %6d", name,
                a.deliveries, a.perSecond(), a.hist.percentileMillis(0.5), a.hist.percentileMillis(0.9),
                a.hist.percentileMillis(0.99), a.hist.percentileMillis(1.0), a.errors, xp50, xp99, a.cpuMicros(),
                a.gcCount, a.gcMillis));
        return row;
    }

    /** The rounds of one webhook contender added up. */
    private static final class WebhookAggregate {
        final Histogram hist = new Histogram();
        long deliveries;
        long errors;
        long nanos;
        long cpuNanos;
        long gcCount;
        long gcMillis;
        String firstError;
        final List<Double> perRound = new ArrayList<>();
        final List<Double> perRoundP50 = new ArrayList<>();
        final List<Double> perRoundP99 = new ArrayList<>();

        void add(WebhookBenchmark.Phase p) {
            hist.add(p.latencies());
            deliveries += p.deliveries();
            errors += p.errors();
            nanos += p.elapsedNanos();
            cpuNanos += p.processCpuNanos();
            gcCount += p.gcCount();
            gcMillis += p.gcMillis();
            perRound.add(p.perSecond());
            perRoundP50.add(p.latencies().percentileMillis(0.5));
            perRoundP99.add(p.latencies().percentileMillis(0.99));
            if (firstError == null) {
                firstError = p.firstError();
            }
        }

        double perSecond() {
            return deliveries / (nanos / 1e9);
        }

        double cpuMicros() {
            return cpuNanos / 1000.0 / deliveries;
        }
    }

    private static Map<String, Object> outcomes(int[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("failed", counts[ShutdownBenchmark.FAILED]);
        m.put("ok", counts[ShutdownBenchmark.OK]);
        m.put("waiting", counts[ShutdownBenchmark.PENDING]);
        return m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 10. failover

    private void failover() throws Exception {
        int changes = Integer.getInteger("bench.failoverChanges", 50_000);
        int pageSize = Integer.getInteger("bench.failoverPageSize", 100);
        long session = Long.getLong("bench.failoverSessionTimeout", 5000);
        long delay = Long.getLong("bench.failoverPollDelay", 1000);
        long initialDelay = Long.getLong("bench.failoverInitialDelay", delay);
        double killAt = Double.parseDouble(System.getProperty("bench.failoverKillAt", "0.4"));
        String leadership = System.getProperty("bench.failoverLeadership", "master");
        FailoverBenchmark.Result r;
        try (FailoverBenchmark bench = new FailoverBenchmark(changes, pageSize, session, delay, initialDelay, killAt,
                leadership)) {
            r = bench.run(Duration.ofMinutes(5));
        }
        line("");
        line("10. FAILOVER: a sync of " + changes + " orders (the simulator) by two nodes behind "
             + (leadership.equals("master") ? "master:" : "ClusteredRoutePolicy") + " on an embedded"
             + " ZooKeeper (session timeout " + session + " ms), the watermark in a JdbcStateRepository on H2,"
             + " pageSize=" + pageSize + ", delay=" + delay + " ms, initialDelay=" + initialDelay + " ms; the leader dies"
             + " (its session left to expire, its context gone) after delivering " + r.deliveredBeforeDeath() + ".");
        line(String.format(Locale.ROOT, "  session timeout granted by ZooKeeper: %d ms", r.negotiatedSessionMillis()));
        line(String.format(Locale.ROOT, "  from the death to the new leader's first delivery: %d ms", r.takeoverMillis()));
        line(String.format(Locale.ROOT, "  duplicates delivered: %d; changes skipped: %d; whole sync %.1f s",
                r.duplicates(), r.skipped(), r.walkSeconds()));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("changes", changes);
        f.put("pageSize", pageSize);
        f.put("leadership", leadership);
        f.put("sessionTimeoutMillis", session);
        f.put("pollDelayMillis", delay);
        f.put("initialDelayMillis", initialDelay);
        f.put("deliveredBeforeDeath", r.deliveredBeforeDeath());
        f.put("negotiatedSessionTimeoutMillis", r.negotiatedSessionMillis());
        f.put("takeoverMillis", r.takeoverMillis());
        f.put("duplicates", r.duplicates());
        f.put("skipped", r.skipped());
        f.put("syncSeconds", round1(r.walkSeconds()));
        json.put("failover", f);
        goal("failover: death to the new leader's first poll", "< " + (session + delay) + " ms",
                r.takeoverMillis() + " ms", r.takeoverMillis() < session + delay);
        goal("failover: changes skipped", "0", String.valueOf(r.skipped()), r.skipped() == 0);
    }

    // ---------------------------------------------------------------------------------------------------------------

    // ---------------------------------------------------------------------------------------------------------------
    // 11. signed: PaaS integration calls signed with OAuth 1.0a against the same calls with a bearer

    private void signed() throws Exception {
        line("");
        line("11. SIGNED CALLS: platform=PAAS, authenticationType=INTEGRATION, " + THREADS + " threads, a distinct URL per"
             + " call, WireMock on loopback; OAuth 1.0a HMAC-SHA256 signing against integrationAsBearer=true, " + ROUNDS
             + " interleaved rounds of " + CALL_PHASE.toMillis() + " ms after a warm-up");
        List<Double> signed = new ArrayList<>();
        List<Double> bearer = new ArrayList<>();
        try (SignedCallsBenchmark bench = new SignedCallsBenchmark(THREADS)) {
            // few callers first, so that the JIT compiler threads get CPU on a small machine (as in section 1)
            for (int w = 0; w < WARMUP_ROUNDS + 2; w++) {
                bench.run(SignedCallsBenchmark.SIGNED, Math.min(4, THREADS), Duration.ofMillis(2000));
                bench.run(SignedCallsBenchmark.BEARER, Math.min(4, THREADS), Duration.ofMillis(2000));
            }
            bench.run(SignedCallsBenchmark.SIGNED, THREADS, Duration.ofMillis(1500));
            bench.run(SignedCallsBenchmark.BEARER, THREADS, Duration.ofMillis(1500));
            for (int r = 1; r <= ROUNDS; r++) {
                // the order alternates, so that neither contender always runs on a warmer machine
                boolean signedFirst = r % 2 == 1;
                double a = bench.run(signedFirst ? SignedCallsBenchmark.SIGNED : SignedCallsBenchmark.BEARER, THREADS,
                        CALL_PHASE);
                double b = bench.run(signedFirst ? SignedCallsBenchmark.BEARER : SignedCallsBenchmark.SIGNED, THREADS,
                        CALL_PHASE);
                signed.add(signedFirst ? a : b);
                bearer.add(signedFirst ? b : a);
                line(String.format(Locale.ROOT, "   round %d  signed %8.0f calls/s  bearer %8.0f calls/s  ratio %.3f", r,
                        signed.get(r - 1), bearer.get(r - 1), signed.get(r - 1) / bearer.get(r - 1)));
            }
        }
        double s = signed.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double b = bearer.stream().mapToDouble(Double::doubleValue).average().orElse(1);
        double ratio = s / b;
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < signed.size(); i++) {
            ratios.add(signed.get(i) / bearer.get(i));
        }
        ratios.sort(null);
        double median = ratios.get(ratios.size() / 2);
        // what signing costs per call, measured alone, against the CPU a bearer call takes on this machine
        double signMicros = SignedCallsBenchmark.signingMicros(100_000);
        double bearerCallMicros = Runtime.getRuntime().availableProcessors() * 1e6 / b;
        double cpuRatio = bearerCallMicros / (bearerCallMicros + signMicros);
        line(String.format(Locale.ROOT, "  signed %.0f calls/s, bearer %.0f calls/s: ratio %.3f (median of rounds %.3f);"
                                        + " a signature takes %.1f us of CPU, a bearer call about %.0f us of the"
                                        + " machine's CPU: ratio by CPU %.3f", s, b, ratio, median, signMicros,
                bearerCallMicros, cpuRatio));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("signedCallsPerSecond", round1(s));
        section.put("bearerCallsPerSecond", round1(b));
        section.put("perRoundSigned", signed.stream().map(BenchmarkMain::round1).toList());
        section.put("perRoundBearer", bearer.stream().map(BenchmarkMain::round1).toList());
        section.put("ratio", Math.round(ratio * 1000) / 1000.0);
        section.put("medianRoundRatio", Math.round(median * 1000) / 1000.0);
        section.put("signingCpuMicros", round1(signMicros));
        section.put("bearerCallCpuMicros", round1(bearerCallMicros));
        section.put("ratioByCpu", Math.round(cpuRatio * 1000) / 1000.0);
        json.put("signed", section);
        goal("PaaS INTEGRATION signed calls vs bearer calls, throughput", ">= 0.95",
                String.format(Locale.ROOT, "%.3f", ratio), ratio >= 0.95);
    }

    private void goal(String goal, String target, String measured, boolean met) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("goal", goal);
        g.put("target", target);
        g.put("measured", measured);
        g.put("met", met);
        goals.add(g);
    }

    private void line(String s) {
        console.println(s);
        table.append(s).append('\n');
        json.put("table", table.toString());
    }

    private static Path outputFile() throws Exception {
        String configured = System.getProperty("bench.out");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        // beside the jar (camel-accs-benchmarks/target), else beside the classes folder
        File location = new File(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParentFile().toPath().resolve("benchmark-results.json").toAbsolutePath();
    }

    /** The 1-minute system load average, rounded, or -1 where the OS does not tell. */
    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? -1 : round1(load);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
