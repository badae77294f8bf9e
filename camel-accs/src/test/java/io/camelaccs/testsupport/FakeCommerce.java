package io.camelaccs.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camelaccs.component.AccsComponent;

/**
 * A small stateful stand-in for one Commerce search resource (and an IMS that always issues a token), on loopback,
 * with the search semantics an incremental (keyset) sync relies on: searchCriteria filter groups ANDed, filters in a
 * group ORed (eq, gt, gteq, lt, lteq), sort orders, pageSize, currentPage and total_count. Items are maps with
 * {@code entity_id}, {@code increment_id} and {@code updated_at}; tests change them while a sync runs.
 */
public final class FakeCommerce implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    // in id order, so items a search leaves unsorted come back in the same order every time
    private final Map<Long, Map<String, Object>> items = new ConcurrentSkipListMap<>();
    private final AtomicInteger searches = new AtomicInteger();

    public FakeCommerce(String resourcePath) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ims/token/v3", ex -> reply(ex, 200,
                "{\"access_token\":\"fake-token\",\"token_type\":\"bearer\",\"expires_in\":86399}"));
        server.createContext("/t" + resourcePath, this::search);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
    }

    public String imsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An accs component pointed at this fake, tenant and IMS, with the given credentials. */
    public AccsComponent component(String clientId, String clientSecret) {
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(baseUrl());
        accs.getConfiguration().setImsUrl(imsUrl());
        accs.getConfiguration().setClientId(clientId);
        accs.getConfiguration().setClientSecret(clientSecret);
        return accs;
    }

    public void put(long id, String updatedAt) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("entity_id", id);
        item.put("increment_id", String.format("%09d", id));
        item.put("updated_at", updatedAt);
        items.put(id, item);
    }

    /** Searches answered so far: a test waits for a few more to see that later polls deliver nothing new. */
    public int searches() {
        return searches.get();
    }

    private void search(HttpExchange ex) throws IOException {
        searches.incrementAndGet();
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        // filter_groups[g][filters][f][field|value|condition_type]
        Map<Integer, Map<Integer, String[]>> groups = new TreeMap<>();
        Map<Integer, String[]> sorts = new TreeMap<>();
        q.forEach((k, v) -> {
            if (k.startsWith("searchCriteria[filter_groups][")) {
                String[] idx = k.replace("searchCriteria[filter_groups][", "").split("]\\[|]");
                int g = Integer.parseInt(idx[0]);
                int f = Integer.parseInt(idx[2]);
                String[] filter = groups.computeIfAbsent(g, x -> new TreeMap<>()).computeIfAbsent(f, x -> new String[3]);
                filter[switch (idx[3]) {
                    case "field" -> 0;
                    case "value" -> 1;
                    default -> 2;
                }] = v;
            } else if (k.startsWith("searchCriteria[sortOrders][")) {
                String[] idx = k.replace("searchCriteria[sortOrders][", "").split("]\\[|]");
                String[] sort = sorts.computeIfAbsent(Integer.parseInt(idx[0]), x -> new String[2]);
                sort["field".equals(idx[1]) ? 0 : 1] = v;
            }
        });
        Predicate<Map<String, Object>> match = item -> groups.values().stream()
                .allMatch(g -> g.values().stream().anyMatch(f -> matches(item, f)));
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (String[] s : sorts.values()) {
            Comparator<Map<String, Object>> c = (a, b) -> compare(a.get(s[0]), String.valueOf(b.get(s[0])));
            order = order.thenComparing("DESC".equalsIgnoreCase(s[1]) ? c.reversed() : c);
        }
        List<Map<String, Object>> found = new ArrayList<>(items.values().stream().map(LinkedHashMap::new)
                .filter(match).sorted(order).toList());
        int size = Integer.parseInt(q.getOrDefault("searchCriteria[pageSize]", String.valueOf(Math.max(1, found.size()))));
        int page = Integer.parseInt(q.getOrDefault("searchCriteria[currentPage]", "1"));
        List<Map<String, Object>> slice = found.subList(Math.min(found.size(), (page - 1) * size),
                Math.min(found.size(), page * size));
        reply(ex, 200, JSON.writeValueAsString(Map.of("items", slice, "total_count", found.size())));
    }

    private static boolean matches(Map<String, Object> item, String[] f) {
        int c = compare(item.get(f[0]), f[1]);
        return switch (f[2]) {
            case "eq" -> c == 0;
            case "gt" -> c > 0;
            case "gteq" -> c >= 0;
            case "lt" -> c < 0;
            case "lteq" -> c <= 0;
            default -> throw new IllegalArgumentException("condition not simulated: " + f[2]);
        };
    }

    private static int compare(Object value, String other) {
        if (value instanceof Number n) {
            return Long.compare(n.longValue(), Long.parseLong(other));
        }
        return String.valueOf(value).compareTo(other);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
