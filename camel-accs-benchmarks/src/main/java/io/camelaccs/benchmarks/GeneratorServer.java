package io.camelaccs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback Commerce product search (and IMS token endpoint) that holds no catalog: product {@code i} (1..N) is
 * synthesised from {@code i} on every request, about 2 KB of JSON, with {@code entity_id = i} and
 * {@code updated_at = base + i/50 s}. It answers plain paging ({@code pageSize}, {@code currentPage}) and the keyset
 * searches of an incremental sync ({@code updated_at gteq V}, {@code (updated_at gt V or entity_id gt I)}, sorted by
 * updated_at then entity_id), so both an export and a sync can walk 200 000 products while the server holds one page.
 * <p>
 * Every supported condition is monotone in {@code i} (the set is sorted by updated_at and entity_id alike), so a
 * filter group matches a suffix {@code i >= start}: a group's start is the least start of its filters (OR), the
 * search's start the greatest of its groups (AND). A group of one upper bound on the id ({@code entity_id lteq/lt})
 * ends the range instead, and {@code entity_id DESC} walks it from its end: the id ranges of a parallel fetchAll.
 * <p>
 * A burst ({@link #GeneratorServer(int, long, int)} with more products a second than there are) stamps every product
 * with the same second, as a bulk import does; {@link #add(int)} then saves more products, a second later.
 * <p>
 * With a latency, each search is answered that much later, as a tenant far away would: the server then runs one
 * thread per request, so a delayed page holds neither the accept loop nor the other requests. It can also refuse
 * every product read with a {@code 429} and a {@code Retry-After} (see {@link #refuseProductReads(int)}).
 */
final class GeneratorServer implements AutoCloseable {

    static final LocalDateTime BASE = LocalDateTime.of(2026, 1, 1, 0, 0, 0);
    static final int ITEMS_PER_SECOND = 50;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final long BASE_EPOCH = BASE.toEpochSecond(ZoneOffset.UTC);
    /** A paragraph that pads each product to about 2 KB, as real descriptions do. */
    private static final String DESCRIPTION = ("<p>The bench product is a durable everyday item made of recycled"
                                               + " materials, tested for comfort and weather. Machine washable, with"
                                               + " adjustable straps and a padded back panel. </p>").repeat(4);

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile int total;
    private final long latencyMillis;
    private final int itemsPerSecond;
    final AtomicLong searches = new AtomicLong();
    final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong bytesServed = new AtomicLong();
    /** Product reads answered 429 by {@link #refuseProductReads(int)}. */
    final AtomicLong refusedReads = new AtomicLong();
    private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(1 << 20));

    GeneratorServer(int total) throws IOException {
        this(total, 0);
    }

    /** @param latencyMillis how long each search waits before it is answered (0 for none) */
    GeneratorServer(int total, long latencyMillis) throws IOException {
        this(total, latencyMillis, ITEMS_PER_SECOND);
    }

    /** @param itemsPerSecond how many consecutive products share one {@code updated_at} second */
    GeneratorServer(int total, long latencyMillis, int itemsPerSecond) throws IOException {
        this.total = total;
        this.latencyMillis = latencyMillis;
        this.itemsPerSecond = itemsPerSecond;
        java.util.concurrent.ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "generator");
            t.setDaemon(true);
            return t;
        };
        workers = latencyMillis > 0 ? Executors.newCachedThreadPool(daemons) : Executors.newFixedThreadPool(2, daemons);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/ims/token/v3", ex -> {
            tokenRequests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            send(ex, 200, "{\"access_token\":\"generator-token\",\"token_type\":\"bearer\",\"expires_in\":86399}");
        });
        server.createContext("/t/V1/products", this::search);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * From now on, every product read ({@code GET /t/V1/products/{sku}}) is answered {@code 429} with
     * {@code Retry-After: retryAfterSeconds}, as a tenant over its rate limit would: the exchanges then wait in their
     * pause. Searches ({@code /t/V1/products?...}) are answered as before.
     */
    void refuseProductReads(int retryAfterSeconds) {
        // the longest matching context wins: /t/V1/products/{sku} comes here, /t/V1/products?... to the search
        server.createContext("/t/V1/products/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
            send(ex, 429, "{\"message\":\"Too many requests: try again in " + retryAfterSeconds + " s\"}");
            refusedReads.incrementAndGet();
        });
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
    }

    String imsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int total() {
        return total;
    }

    /** Saves {@code count} more products (the next ids, stamped as their ids say): changes a sync has not seen. */
    void add(int count) {
        total += count;
    }

    static String updatedAt(long i) {
        return updatedAt(i, ITEMS_PER_SECOND);
    }

    private static String updatedAt(long i, int itemsPerSecond) {
        return LocalDateTime.ofEpochSecond(BASE_EPOCH + i / itemsPerSecond, 0, ZoneOffset.UTC).format(TS);
    }

    private void search(HttpExchange ex) throws IOException {
        searches.incrementAndGet();
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String pageSizeText = q.get("searchCriteria[pageSize]");
            if (pageSizeText == null) {
                send(ex, 400, "{\"message\":\"the generator needs searchCriteria[pageSize]\"}");
                return;
            }
            int pageSize = Integer.parseInt(pageSizeText);
            int page = Integer.parseInt(q.getOrDefault("searchCriteria[currentPage]", "1"));
            boolean descending = checkSort(q);
            long[] range = range(q);
            long start = range[0];
            long end = range[1];
            long matched = Math.max(0, end - start + 1);
            long skip = (long) (page - 1) * pageSize;
            long from = descending ? end - skip : start + skip;
            long count = Math.max(0, Math.min(pageSize, matched - skip));
            StringBuilder sb = buffers.get();
            sb.setLength(0);
            sb.append("{\"items\":[");
            for (long k = 0; k < count; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                long i = descending ? from - k : from + k;
                product(sb, i, updatedAt(i, itemsPerSecond));
            }
            sb.append("],\"search_criteria\":{\"page_size\":").append(pageSize).append(",\"current_page\":").append(page)
                    .append("},\"total_count\":").append(matched).append('}');
            send(ex, 200, sb);
        } catch (RuntimeException e) {
            send(ex, 400, "{\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}");
        }
    }

    /**
     * The first and last product of the search: the AND (max) over groups of the OR (min) over their filters, and the
     * least upper bound of the groups that are one {@code entity_id lteq/lt} filter.
     */
    private long[] range(Map<String, String> q) {
        Map<Integer, Map<Integer, String[]>> groups = new TreeMap<>();
        q.forEach((k, v) -> {
            if (k.startsWith("searchCriteria[filter_groups][") || k.startsWith("searchCriteria[filterGroups][")) {
                String[] idx = k.substring(k.indexOf("][") + 2).split("]\\[|]");
                String[] f = groups.computeIfAbsent(Integer.parseInt(idx[0]), x -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(idx[2]), x -> new String[3]);
                switch (idx[3]) {
                    case "field" -> f[0] = v;
                    case "value" -> f[1] = v;
                    default -> f[2] = v;
                }
            }
        });
        long start = 1;
        long end = total;
        for (Map<Integer, String[]> group : groups.values()) {
            if (group.size() == 1) {
                String[] f = group.values().iterator().next();
                if ("entity_id".equals(f[0]) && ("lteq".equals(f[2]) || "lt".equals(f[2]))) {
                    end = Math.min(end, Long.parseLong(f[1]) - ("lt".equals(f[2]) ? 1 : 0));
                    continue;
                }
            }
            long groupStart = Long.MAX_VALUE;
            for (String[] f : group.values()) {
                groupStart = Math.min(groupStart, firstMatching(f[0], f[1], f[2] == null ? "eq" : f[2]));
            }
            start = Math.max(start, groupStart);
        }
        return new long[] { start, end };
    }

    private long firstMatching(String field, String value, String condition) {
        long bound;
        switch (field) {
            case "entity_id", "id" -> bound = Long.parseLong(value);
            case "updated_at" -> {
                long s = LocalDateTime.parse(value, TS).toEpochSecond(ZoneOffset.UTC) - BASE_EPOCH;
                // updated_at(i) = floor(i/50): >= s from i = 50 s, > s from i = 50 (s + 1)
                return Math.max(1, switch (condition) {
                    case "gteq" -> s * itemsPerSecond;
                    case "gt" -> (s + 1) * itemsPerSecond;
                    default -> throw new IllegalArgumentException("condition not generated: " + condition);
                });
            }
            default -> throw new IllegalArgumentException("field not generated: " + field);
        }
        return Math.max(1, switch (condition) {
            case "gteq" -> bound;
            case "gt" -> bound + 1;
            default -> throw new IllegalArgumentException("condition not generated: " + condition);
        });
    }

    /** Whether the search walks the ids downwards (entity_id DESC); any sort not generated fails. */
    private static boolean checkSort(Map<String, String> q) {
        List<String> sorts = new ArrayList<>();
        for (int k = 0; q.containsKey("searchCriteria[sortOrders][" + k + "][field]"); k++) {
            sorts.add(q.get("searchCriteria[sortOrders][" + k + "][field]") + " "
                      + q.getOrDefault("searchCriteria[sortOrders][" + k + "][direction]", "ASC").toUpperCase());
        }
        if (List.of("entity_id DESC").equals(sorts)) {
            return true;
        }
        if (!sorts.isEmpty() && !sorts.get(0).equals("updated_at ASC") && !sorts.get(0).equals("entity_id ASC")) {
            throw new IllegalArgumentException("sort not generated: " + sorts);
        }
        return false;
    }

    /** Product i, about 2 KB. */
    static void product(StringBuilder sb, long i) {
        product(sb, i, updatedAt(i));
    }

    private static void product(StringBuilder sb, long i, String updatedAt) {
        String sku = String.format("BENCH-%08d", i);
        sb.append("{\"id\":").append(i).append(",\"entity_id\":").append(i).append(",\"sku\":\"").append(sku)
                .append("\",\"name\":\"Bench product ").append(i).append("\",\"attribute_set_id\":4,\"price\":")
                .append(10 + i % 90).append('.').append(i % 100 < 10 ? "0" : "").append(i % 100)
                .append(",\"status\":1,\"visibility\":4,\"type_id\":\"simple\",\"created_at\":\"2025-06-01 08:00:00\"")
                .append(",\"updated_at\":\"").append(updatedAt).append("\",\"weight\":").append(1 + i % 7)
                .append(",\"extension_attributes\":{\"website_ids\":[1],\"category_links\":[{\"position\":0,")
                .append("\"category_id\":\"").append(3 + i % 40).append("\"}],\"stock_item\":{\"item_id\":").append(i)
                .append(",\"product_id\":").append(i).append(",\"stock_id\":1,\"qty\":").append(i % 500)
                .append(",\"is_in_stock\":").append(i % 11 != 0).append("}},\"product_links\":[],\"options\":[],")
                .append("\"media_gallery_entries\":[{\"id\":").append(i).append(",\"media_type\":\"image\",")
                .append("\"label\":null,\"position\":1,\"disabled\":false,\"types\":[\"image\",\"small_image\",")
                .append("\"thumbnail\"],\"file\":\"/b/e/").append(sku.toLowerCase()).append(".jpg\"}],")
                .append("\"tier_prices\":[],\"custom_attributes\":[")
                .append("{\"attribute_code\":\"description\",\"value\":\"").append(DESCRIPTION).append("\"},")
                .append("{\"attribute_code\":\"short_description\",\"value\":\"Bench product ").append(i)
                .append(", everyday and durable.\"},")
                .append("{\"attribute_code\":\"meta_title\",\"value\":\"Bench product ").append(i).append("\"},")
                .append("{\"attribute_code\":\"meta_keyword\",\"value\":\"bench,product,").append(sku).append("\"},")
                .append("{\"attribute_code\":\"url_key\",\"value\":\"bench-product-").append(i).append("\"},")
                .append("{\"attribute_code\":\"color\",\"value\":\"").append(49 + i % 12).append("\"},")
                .append("{\"attribute_code\":\"size\",\"value\":\"").append(167 + i % 6).append("\"},")
                .append("{\"attribute_code\":\"material\",\"value\":\"").append(33 + i % 9).append("\"},")
                .append("{\"attribute_code\":\"tax_class_id\",\"value\":\"2\"},")
                .append("{\"attribute_code\":\"options_container\",\"value\":\"container2\"},")
                .append("{\"attribute_code\":\"required_options\",\"value\":\"0\"},")
                .append("{\"attribute_code\":\"has_options\",\"value\":\"0\"},")
                .append("{\"attribute_code\":\"category_ids\",\"value\":[\"").append(3 + i % 40).append("\"]}]}");
    }

    private void send(HttpExchange ex, int status, CharSequence body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        bytesServed.addAndGet(bytes.length);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
