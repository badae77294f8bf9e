package io.camelaccs.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Catching up with a journal of N events: through {@code from("accs-events:journal?...")} into a route that only
 * counts, against a plain loop a route author could write instead (Apache HttpClient 5, the engine accs uses: a token
 * from IMS, then GET each page with the journal's headers, {@code ObjectMapper.readTree} it, walk its events, follow
 * {@code Link rel=next}). Each walk reads a journal of its own ({@link JournalServer#newJournal()}), and each accs walk
 * runs on a CamelContext of its own, as an application starting its catch-up would.
 * <p>
 * accs is set up as a user would: its position in a {@code MemoryStateRepository} bean
 * ({@code stateRepository=#journalState}), the endpoint's default idempotent repository (in memory, the last 10 000
 * ids), {@code initialDelay=0} (the scheduled consumer's default start delay of 1 s would otherwise count).
 */
final class JournalBenchmark implements AutoCloseable {

    static final String ACCS = "accs-events:journal, no-op route";
    static final String JACKSON = "Jackson loop (HttpClient + readTree per page)";
    static final String JACKSON_MAPS = "Jackson loop, bytes + readValue(Map) per page";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS
            = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS
            = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel\\s*=\\s*\"?next\"?");

    /**
     * One walk, with what it cost besides time: the CPU and the heap allocations of the thread that reads the journal
     * and hands out the events (the consumer's thread, the loop's thread), and the whole process's CPU (the journal
     * server, GC and JIT included). On a shared machine these hold better than the events per second.
     */
    record Result(ExportBenchmark.Walk walk, long readerCpuNanos, long readerAllocatedBytes, long processCpuNanos) {
    }

    private final JournalServer server;
    private final int limit;
    private final CloseableHttpClient http = HttpClients.createDefault();

    JournalBenchmark(JournalServer server, int limit) {
        this.server = server;
        this.limit = limit;
    }

    /** accs: start the route on a new context, time until the route has seen every event, stop. */
    Result accs() throws Exception {
        String journal = server.newJournal();
        AtomicLong delivered = new AtomicLong();
        long[] reader = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        long total = server.total();
        CamelContext context = new DefaultCamelContext();
        try {
            AccsComponent accs = new AccsComponent();
            accs.getConfiguration().setImsUrl(server.imsUrl());
            accs.getConfiguration().setClientId(ProductSaveEvent.CLIENT_ID);
            accs.getConfiguration().setClientSecret("bench-secret");
            accs.getConfiguration().setOrgId(JournalServer.ORG);
            context.addComponent("accs", accs);
            context.getRegistry().bind("journalState", new MemoryStateRepository());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("accs-events:journal?journalUrl=" + journal + "&limit=" + limit
                         + "&stateRepository=#journalState&initialDelay=0")
                            .routeId("journal").autoStartup(false)
                            .process(e -> {
                                if (delivered.incrementAndGet() == total) {
                                    // the consumer's thread, new with this context: all it did was this walk
                                    reader[0] = THREADS.getCurrentThreadCpuTime();
                                    reader[1] = THREADS.getCurrentThreadAllocatedBytes();
                                    done.countDown();
                                }
                            });
                }
            });
            context.start();
            long pages = server.pages.get();
            try (HeapMeter heap = HeapMeter.start()) {
                long cpu0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                context.getRouteController().startRoute("journal");
                boolean all = done.await(180, TimeUnit.SECONDS);
                long elapsed = System.nanoTime() - t0;
                long cpu = OS.getProcessCpuTime() - cpu0;
                if (!all) {
                    throw new IllegalStateException("accs-events:journal delivered " + delivered.get() + " of " + total
                                                    + " events in 180 s");
                }
                return new Result(ExportBenchmark.Walk.of(ACCS, limit, delivered.get(), elapsed, heap,
                        server.pages.get() - pages), reader[0], reader[1], cpu);
            }
        } finally {
            context.stop();
        }
    }

    /** Jackson alone: the same journal by hand, readTree per page. */
    Result jackson() throws Exception {
        return loop(JACKSON, false);
    }

    /** Jackson parsing as accs does: each page read whole into bytes, then readValue to Maps. */
    Result jacksonMaps() throws Exception {
        return loop(JACKSON_MAPS, true);
    }

    private Result loop(String label, boolean maps) throws Exception {
        String journal = server.newJournal();
        long total = server.total();
        long pages = server.pages.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long cpu0 = OS.getProcessCpuTime();
            long readerCpu0 = THREADS.getCurrentThreadCpuTime();
            long readerAlloc0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            String token = token();
            String url = journal + "?limit=" + limit;
            long events = 0;
            for (int request = 0; events < total && request < 10_000_000; request++) {
                HttpGet get = new HttpGet(url);
                get.setHeader("Authorization", "Bearer " + token);
                get.setHeader("x-api-key", ProductSaveEvent.CLIENT_ID);
                get.setHeader("x-ims-org-id", JournalServer.ORG);
                get.setHeader("Accept", "application/vnd.adobecloud.events+json");
                String current = url;
                Page page = http.execute(get, response -> {
                    if (response.getCode() != 200) {
                        EntityUtils.consume(response.getEntity());
                        return new Page(response.getCode(), 0, next(response.getFirstHeader("Link"), current));
                    }
                    long n = 0;
                    if (maps) {
                        Map<?, ?> root = MAPPER.readValue(EntityUtils.toByteArray(response.getEntity()), Map.class);
                        for (Object e : (List<?>) root.get("events")) {
                            if (((Map<?, ?>) ((Map<?, ?>) e).get("event")).get("event_id") != null) {
                                n++;
                            }
                        }
                    } else {
                        JsonNode root = MAPPER.readTree(response.getEntity().getContent());
                        for (JsonNode e : root.get("events")) {
                            if (e.get("event").get("event_id") != null) {
                                n++;
                            }
                        }
                    }
                    return new Page(200, n, next(response.getFirstHeader("Link"), current));
                });
                if (page.status() != 200) {
                    throw new IllegalStateException("the journal answered " + page.status() + " after " + events
                                                    + " of " + total + " events");
                }
                events += page.events();
                url = page.next();
            }
            long elapsed = System.nanoTime() - t0;
            long readerCpu = THREADS.getCurrentThreadCpuTime() - readerCpu0;
            long readerAlloc = THREADS.getCurrentThreadAllocatedBytes() - readerAlloc0;
            long cpu = OS.getProcessCpuTime() - cpu0;
            return new Result(ExportBenchmark.Walk.of(label, limit, events, elapsed, heap, server.pages.get() - pages),
                    readerCpu, readerAlloc, cpu);
        }
    }

    private record Page(int status, long events, String next) {
    }

    private static String next(Header link, String requested) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link.getValue());
        return m.find() ? URI.create(requested).resolve(m.group(1)).toString() : null;
    }

    private String token() throws Exception {
        HttpPost post = new HttpPost(server.imsUrl() + "/ims/token/v3");
        post.setEntity(new StringEntity("grant_type=client_credentials&client_id=" + ProductSaveEvent.CLIENT_ID
                                        + "&client_secret=bench-secret&scope=adobeio_api",
                ContentType.APPLICATION_FORM_URLENCODED));
        return http.execute(post, response -> MAPPER.readTree(response.getEntity().getContent())
                .get("access_token").asText());
    }

    @Override
    public void close() throws Exception {
        http.close();
    }
}
