package io.camelaccs.benchmarks;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.component.AccsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * Walking every product of the generator server: through accs ({@code fetchAll=true} and
 * {@code .split(body()).streaming()}), through the incremental consumer (keyset paging, one exchange per item), and,
 * for reference, with Jackson alone (Apache HttpClient 5, the engine accs uses, and {@code ObjectMapper.readTree} per
 * page).
 */
final class ExportBenchmark implements AutoCloseable {

    static final String ACCS_EXPORT = "accs fetchAll + split streaming";
    static final String JACKSON_EXPORT = "Jackson alone (HttpClient + readTree per page)";
    static final String ACCS_SYNC = "accs consumer (incrementalField=updated_at, keyset)";
    static final String ACCS_SYNC_CAPPED = "accs consumer, maxMessagesPerPoll=5000";
    static final String ACCS_SYNC_FILE = "accs consumer, FileStateRepository";
    static final String JACKSON_SYNC = "Jackson alone keyset loop";
    static final String ACCS_EXPORT_NO_SPLIT = "accs fetchAll, iterator walked in one processor";
    static final String JACKSON_EXPORT_MAP = "Jackson alone, bytes + readValue(Object.class)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One walk over the products. */
    record Walk(String contender, int pageSize, long items, long elapsedNanos, long sampledPeakHeap, long poolPeakHeap,
            long gcCount, long gcMillis, long requests, long maxAfterGc) {
        /** A walk with the heap figures its meter took. */
        static Walk of(String contender, int pageSize, long items, long elapsedNanos, HeapMeter heap, long requests) {
            return new Walk(contender, pageSize, items, elapsedNanos, heap.sampledPeakBytes(), heap.poolPeakSumBytes(),
                    heap.gcCount(), heap.gcTime(), requests, heap.maxAfterGcBytes());
        }

        double perSecond() {
            return items / (elapsedNanos / 1e9);
        }
    }

    private final GeneratorServer server;
    private final CamelContext context;
    private final ProducerTemplate template;
    private final CloseableHttpClient http = HttpClients.createDefault();
    private final java.nio.file.Path stateFile;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong synced = new AtomicLong();
    private final AtomicLong syncDeliveries = new AtomicLong();
    private volatile BitSet syncSeen = new BitSet();
    private volatile long syncTarget = Long.MAX_VALUE;
    private volatile CountDownLatch syncDone = new CountDownLatch(1);

    /**
     * How many (id, value) pairs the consumer remembered (its RecentDeliveries) when the last product was delivered:
     * read by reflection, for the report only; -1 when it cannot be read.
     */
    volatile long lastSyncRecentDeliveries = -1;

    private long recentDeliveries(String routeId) {
        try {
            Object consumer = context.getRoute(routeId).getConsumer();
            java.lang.reflect.Field f = consumer.getClass().getDeclaredField("recent");
            f.setAccessible(true);
            Object recent = f.get(consumer);
            return ((Number) recent.getClass().getMethod("size").invoke(recent)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** Deliveries of the last accs sync beyond the first of each product (0 expected). */
    volatile long lastSyncRepeats;

    ExportBenchmark(GeneratorServer server, int... pageSizes) throws Exception {
        this.server = server;
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(server.baseUrl());
        accs.getConfiguration().setImsUrl(server.imsUrl());
        accs.getConfiguration().setClientId("bench-client");
        accs.getConfiguration().setClientSecret("bench-secret");
        context.addComponent("accs", accs);
        // the watermark committed to a file at every exchange, as a restartable sync would
        stateFile = java.nio.file.Files.createTempFile("accs-bench-watermarks", ".dat");
        stateFile.toFile().deleteOnExit();
        context.getRegistry().bind("fileState",
                org.apache.camel.support.processor.state.FileStateRepository.fileStateRepository(stateFile.toFile()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int size : pageSizes) {
                    from("direct:export-nosplit-" + size)
                            .to("accs:get:/V1/products?fetchAll=true&pageSize=" + size)
                            .process(e -> {
                                java.util.Iterator<?> it = e.getMessage().getBody(java.util.Iterator.class);
                                while (it.hasNext()) {
                                    if (it.next() != null) {
                                        exported.incrementAndGet();
                                    }
                                }
                            });
                    from("direct:export-" + size)
                            .to("accs:get:/V1/products?fetchAll=true&pageSize=" + size)
                            .split(body()).streaming()
                                .process(e -> exported.incrementAndGet())
                            .end();
                    for (String variant : new String[] { "", "&maxMessagesPerPoll=5000", "&stateRepository=#fileState" }) {
                    String prefix = variant.isEmpty() ? "sync-" : variant.contains("max") ? "sync-capped-" : "sync-file-";
                    from("accs:get:/V1/products?incrementalField=updated_at&pageSize=" + size
                         + "&delay=10&initialDelay=0&syncId=bench-" + size + variant)
                            .routeId(prefix + size).autoStartup(false)
                            .process(e -> {
                                // one consumer thread: a plain BitSet tells first deliveries from repeats
                                long id = ((Number) e.getMessage().getBody(Map.class).get("entity_id")).longValue();
                                syncDeliveries.incrementAndGet();
                                if (!syncSeen.get((int) id)) {
                                    syncSeen.set((int) id);
                                    if (synced.incrementAndGet() == syncTarget) {
                                        lastSyncRecentDeliveries = recentDeliveries(e.getFromRouteId());
                                        syncDone.countDown();
                                    }
                                }
                            });
                    }
                }
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    /** accs: one exchange whose body iterates every product, split in streaming mode. */
    Walk accsExport(int pageSize) {
        exported.set(0);
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            template.requestBody("direct:export-" + pageSize, (Object) null);
            long elapsed = System.nanoTime() - t0;
            return Walk.of(ACCS_EXPORT, pageSize, exported.get(), elapsed, heap, server.searches.get() - searches);
        }
    }

    /** accs fetchAll without the splitter: the lazy iterator walked by hand, to tell the splitter's cost. */
    Walk accsExportNoSplit(int pageSize) {
        exported.set(0);
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            template.requestBody("direct:export-nosplit-" + pageSize, (Object) null);
            long elapsed = System.nanoTime() - t0;
            return Walk.of(ACCS_EXPORT_NO_SPLIT, pageSize, exported.get(), elapsed, heap, server.searches.get() - searches);
        }
    }

    /** Jackson alone parsing as accs does: the body read whole into bytes, then readValue to Map/List. */
    Walk jacksonExportAsMaps(int pageSize) throws Exception {
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            long items = 0;
            long total = Long.MAX_VALUE;
            for (int page = 1; items < total && page <= 100_000; page++) {
                String url = server.baseUrl() + "/V1/products?" + param("searchCriteria[pageSize]", pageSize) + "&"
                             + param("searchCriteria[currentPage]", page);
                HttpGet get = new HttpGet(url);
                get.setHeader("Authorization", "Bearer generator-token");
                byte[] bytes = http.execute(get, response -> org.apache.hc.core5.http.io.entity.EntityUtils
                        .toByteArray(response.getEntity()));
                Map<?, ?> map = (Map<?, ?>) MAPPER.readValue(bytes, Object.class);
                java.util.List<?> list = (java.util.List<?>) map.get("items");
                for (Object item : list) {
                    if (item != null) {
                        items++;
                    }
                }
                total = ((Number) map.get("total_count")).longValue();
                if (list.size() < pageSize) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            return Walk.of(JACKSON_EXPORT_MAP, pageSize, items, elapsed, heap, server.searches.get() - searches);
        }
    }

    /** Jackson alone: GET each page, readTree it, count its items, until total_count. */
    Walk jacksonExport(int pageSize) throws Exception {
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            long items = 0;
            long total = Long.MAX_VALUE;
            for (int page = 1; items < total && page <= 100_000; page++) {
                JsonNode tree = get(server.baseUrl() + "/V1/products?" + param("searchCriteria[pageSize]", pageSize)
                                    + "&" + param("searchCriteria[currentPage]", page));
                JsonNode list = tree.get("items");
                for (JsonNode item : list) {
                    if (item.get("sku") != null) {
                        items++;
                    }
                }
                total = tree.get("total_count").asLong();
                if (list.size() < pageSize) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            return Walk.of(JACKSON_EXPORT, pageSize, items, elapsed, heap, server.searches.get() - searches);
        }
    }

    /** accs consumer: start the route, time until every product has been delivered, stop it. */
    Walk accsSync(int pageSize) throws Exception {
        return accsSync("sync-" + pageSize, ACCS_SYNC, pageSize);
    }

    /** The same with maxMessagesPerPoll=5000: each poll ends (and prunes the consumer's memory) after 5000 items. */
    Walk accsSyncCapped(int pageSize) throws Exception {
        return accsSync("sync-capped-" + pageSize, ACCS_SYNC_CAPPED, pageSize);
    }

    /** The same with its watermark in a FileStateRepository: one append to the file per delivered product. */
    Walk accsSyncFile(int pageSize) throws Exception {
        return accsSync("sync-file-" + pageSize, ACCS_SYNC_FILE, pageSize);
    }

    private Walk accsSync(String routeId, String label, int pageSize) throws Exception {
        synced.set(0);
        syncDeliveries.set(0);
        syncSeen = new BitSet(server.total() + 1);
        syncTarget = server.total();
        syncDone = new CountDownLatch(1);
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            context.getRouteController().startRoute(routeId);
            boolean done = syncDone.await(180, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - t0;
            context.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
            if (!done) {
                throw new IllegalStateException("the sync delivered " + synced.get() + " of " + syncTarget + " in 180 s");
            }
            lastSyncRepeats = syncDeliveries.get() - synced.get();
            return Walk.of(label, pageSize, syncTarget, elapsed, heap, server.searches.get() - searches);
        }
    }

    /** Jackson alone, keyset: the same searches the consumer sends, by hand. */
    Walk jacksonSync(int pageSize) throws Exception {
        long searches = server.searches.get();
        try (HeapMeter heap = HeapMeter.start()) {
            long t0 = System.nanoTime();
            long items = 0;
            String value = "1970-01-01 00:00:00";
            String id = null;
            for (int request = 0; request < 1_000_000; request++) {
                StringBuilder url = new StringBuilder(server.baseUrl()).append("/V1/products?");
                url.append(param("searchCriteria[filter_groups][0][filters][0][field]", "updated_at")).append('&')
                        .append(param("searchCriteria[filter_groups][0][filters][0][value]", value)).append('&')
                        .append(param("searchCriteria[filter_groups][0][filters][0][condition_type]", "gteq"));
                if (id != null) {
                    url.append('&').append(param("searchCriteria[filter_groups][1][filters][0][field]", "updated_at"))
                            .append('&').append(param("searchCriteria[filter_groups][1][filters][0][value]", value))
                            .append('&').append(param("searchCriteria[filter_groups][1][filters][0][condition_type]", "gt"))
                            .append('&').append(param("searchCriteria[filter_groups][1][filters][1][field]", "entity_id"))
                            .append('&').append(param("searchCriteria[filter_groups][1][filters][1][value]", id))
                            .append('&').append(param("searchCriteria[filter_groups][1][filters][1][condition_type]", "gt"));
                }
                url.append('&').append(param("searchCriteria[sortOrders][0][field]", "updated_at"))
                        .append('&').append(param("searchCriteria[sortOrders][0][direction]", "ASC"))
                        .append('&').append(param("searchCriteria[sortOrders][1][field]", "entity_id"))
                        .append('&').append(param("searchCriteria[sortOrders][1][direction]", "ASC"))
                        .append('&').append(param("searchCriteria[pageSize]", pageSize))
                        .append('&').append(param("searchCriteria[currentPage]", 1));
                JsonNode list = get(url.toString()).get("items");
                for (JsonNode item : list) {
                    value = item.get("updated_at").asText();
                    id = item.get("entity_id").asText();
                    items++;
                }
                if (list.size() < pageSize) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            return Walk.of(JACKSON_SYNC, pageSize, items, elapsed, heap, server.searches.get() - searches);
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpGet get = new HttpGet(url);
        get.setHeader("Authorization", "Bearer generator-token");
        get.setHeader("Accept", "application/json");
        return http.execute(get, response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException("HTTP " + response.getCode() + " for " + url);
            }
            try (InputStream in = response.getEntity().getContent()) {
                return MAPPER.readTree(in);
            }
        });
    }

    private static String param(String name, Object value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(value),
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        context.stop();
        http.close();
        java.nio.file.Files.deleteIfExists(stateFile);
    }
}
