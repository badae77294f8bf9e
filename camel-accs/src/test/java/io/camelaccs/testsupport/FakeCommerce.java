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
import java.util.function.IntPredicate;
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
    private volatile Throttle throttle;

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
        put(id, updatedAt, Map.of());
    }

    /** An item with more fields (a status), as a save that changes them without moving updated_at. */
    public void put(long id, String updatedAt, Map<String, Object> fields) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("entity_id", id);
        item.put("increment_id", String.format("%09d", id));
        item.put("updated_at", updatedAt);
        item.putAll(fields);
        items.put(id, item);
    }

    /**
     * The next {@code count} searches are answered 429 with {@code Retry-After}; {@code meanwhile} runs before each
     * such answer (a test moves its clock or commits items during the pause).
     */
    public void throttleSearches(int count, int retryAfterSeconds, Runnable meanwhile) {
        throttle = new Throttle(new AtomicInteger(count), retryAfterSeconds, meanwhile);
    }

    private record Throttle(AtomicInteger left, int retryAfterSeconds, Runnable meanwhile) {
    }

    /** Searches answered so far: a test waits for a few more to see that later polls deliver nothing new. */
    public int searches() {
        return searches.get();
    }

    private void search(HttpExchange ex) throws IOException {
        searches.incrementAndGet();
        Throttle t = throttle;
        if (t != null && t.left().getAndDecrement() > 0) {
            t.meanwhile().run();
            ex.getResponseHeaders().add("Retry-After", String.valueOf(t.retryAfterSeconds()));
            reply(ex, 429, "{\"message\":\"Too many requests\"}");
            return;
        }
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
        // the filters as conditions read once, not once per item: tests search tens of thousands of items
        List<List<Predicate<Map<String, Object>>>> conditions = groups.values().stream()
                .map(g -> g.values().stream().map(FakeCommerce::condition).toList()).toList();
        Predicate<Map<String, Object>> match = item -> {
            for (List<Predicate<Map<String, Object>>> group : conditions) {
                boolean any = false;
                for (Predicate<Map<String, Object>> condition : group) {
                    if (condition.test(item)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        };
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (String[] s : sorts.values()) {
            Comparator<Map<String, Object>> c = (a, b) -> compareValues(a.get(s[0]), b.get(s[0]));
            order = order.thenComparing("DESC".equalsIgnoreCase(s[1]) ? c.reversed() : c);
        }
        List<Map<String, Object>> found = items.values().stream().filter(match).sorted(order).toList();
        int size = Integer.parseInt(q.getOrDefault("searchCriteria[pageSize]", String.valueOf(Math.max(1, found.size()))));
        int page = Integer.parseInt(q.getOrDefault("searchCriteria[currentPage]", "1"));
        // copies of the page's items only: a test may change an item while its answer is written
        List<Map<String, Object>> slice = new ArrayList<>();
        for (Map<String, Object> item : found.subList(Math.min(found.size(), (page - 1) * size),
                Math.min(found.size(), page * size))) {
            slice.add(new LinkedHashMap<>(item));
        }
        reply(ex, 200, JSON.writeValueAsString(Map.of("items", slice, "total_count", found.size())));
    }

    private static Predicate<Map<String, Object>> condition(String[] f) {
        String field = f[0];
        Object value = isNumber(f[1]) ? (Object) Long.parseLong(f[1]) : f[1];
        IntPredicate holds = switch (f[2]) {
            case "eq" -> c -> c == 0;
            case "gt" -> c -> c > 0;
            case "gteq" -> c -> c >= 0;
            case "lt" -> c -> c < 0;
            case "lteq" -> c -> c <= 0;
            default -> c -> {
                throw new IllegalArgumentException("condition not simulated: " + f[2]);
            };
        };
        return item -> holds.test(compareValues(item.get(field), value));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(Character::isDigit);
    }

    private static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
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
