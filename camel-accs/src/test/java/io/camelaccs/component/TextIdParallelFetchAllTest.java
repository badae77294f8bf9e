package io.camelaccs.component;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * parallelism=4 over a text id field ({@code idField=increment_id}), which Commerce compares as text: "99" sorts after
 * "599", "000000123" before "100". Splitting the ids as numbers loses the orders between a bound and its successor
 * ("240" to "249" fell between {@code lteq 24} and {@code gteq 25}); ranges split at ids read from real items hold
 * every order once.
 */
class TextIdParallelFetchAllTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextIdOrders commerce;
    private CamelContext context;

    @BeforeEach
    void start() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < 500; i++) {
            ids.add(String.format("%09d", i));
        }
        for (int i = 100; i < 600; i++) {
            ids.add(String.valueOf(i));
        }
        ids.add("99");
        commerce = new TextIdOrders(ids);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        commerce.close();
    }

    @Test
    void everyOrderComesOnceWhateverTheLengthOfItsTextId() throws Exception {
        List<String> exported = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        AccsComponent accs = new AccsComponent();
        accs.getConfiguration().setBaseUrl(commerce.baseUrl());
        accs.getConfiguration().setImsUrl(commerce.imsUrl());
        accs.getConfiguration().setClientId("client");
        accs.getConfiguration().setClientSecret("secret");
        context.addComponent("accs", accs);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export")
                        .to("accs:get:/V1/orders?idField=increment_id&pageSize=50&fetchAll=true&parallelism=4")
                        .split(body()).streaming()
                        .process(e -> exported.add((String) e.getMessage().getBody(Map.class).get("increment_id")));
            }
        });
        context.start();

        context.createProducerTemplate().sendBody("direct:export", null);

        assertEquals(1000, new HashSet<>(exported).size(), "every order");
        assertEquals(1000, exported.size(), "each once");
        // split in four ranges of 250 orders, at ids Commerce sorted as text
        assertEquals(Set.of("000000251", "101", "351"), commerce.upperBounds(), commerce.upperBounds().toString());
    }

    /**
     * A stand-in for Commerce's order search over a text increment_id: filters (eq, gt, gteq, lt, lteq) and sort
     * compare it as text, as MySQL compares a varchar column; an IMS that always issues a token.
     */
    private static final class TextIdOrders implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(4);
        private final List<Map<String, Object>> orders = new ArrayList<>();
        private final Set<String> upperBounds = ConcurrentHashMap.newKeySet();

        TextIdOrders(List<String> ids) throws IOException {
            for (int i = 0; i < ids.size(); i++) {
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("entity_id", i + 1);
                order.put("increment_id", ids.get(i));
                orders.add(order);
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/ims/token/v3", ex -> reply(ex,
                    "{\"access_token\":\"fake-token\",\"token_type\":\"bearer\",\"expires_in\":86399}"));
            server.createContext("/t/V1/orders", this::search);
            server.setExecutor(executor);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/t";
        }

        String imsUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        Set<String> upperBounds() {
            return upperBounds;
        }

        private void search(HttpExchange ex) throws IOException {
            Map<String, String> q = new LinkedHashMap<>();
            String raw = ex.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            // filter_groups[g][filters][f][field|value|condition_type]: groups ANDed, filters of a group ORed
            Map<Integer, Map<Integer, String[]>> groups = new TreeMap<>();
            Map<Integer, String[]> sorts = new TreeMap<>();
            q.forEach((k, v) -> {
                if (k.startsWith("searchCriteria[filter_groups][")) {
                    String[] idx = k.replace("searchCriteria[filter_groups][", "").split("]\\[|]");
                    String[] filter = groups.computeIfAbsent(Integer.parseInt(idx[0]), x -> new TreeMap<>())
                            .computeIfAbsent(Integer.parseInt(idx[2]), x -> new String[3]);
                    filter["field".equals(idx[3]) ? 0 : "value".equals(idx[3]) ? 1 : 2] = v;
                } else if (k.startsWith("searchCriteria[sortOrders][")) {
                    String[] idx = k.replace("searchCriteria[sortOrders][", "").split("]\\[|]");
                    sorts.computeIfAbsent(Integer.parseInt(idx[0]), x -> new String[2])["field".equals(idx[1]) ? 0 : 1] = v;
                }
            });
            groups.values().forEach(g -> g.values().stream().filter(f -> "lt".equals(f[2]))
                    .forEach(f -> upperBounds.add(f[1])));
            Predicate<Map<String, Object>> match = o -> groups.values().stream()
                    .allMatch(g -> g.values().stream().anyMatch(f -> matches(o, f)));
            Comparator<Map<String, Object>> order = (a, b) -> 0;
            for (String[] s : sorts.values()) {
                Comparator<Map<String, Object>> c = (a, b) -> compare(a.get(s[0]), String.valueOf(b.get(s[0])));
                order = order.thenComparing("DESC".equalsIgnoreCase(s[1]) ? c.reversed() : c);
            }
            List<Map<String, Object>> found = orders.stream().filter(match).sorted(order).toList();
            int size = Integer.parseInt(q.getOrDefault("searchCriteria[pageSize]", "20"));
            int page = Integer.parseInt(q.getOrDefault("searchCriteria[currentPage]", "1"));
            List<Map<String, Object>> slice = found.subList(Math.min(found.size(), (page - 1) * size),
                    Math.min(found.size(), page * size));
            reply(ex, JSON.writeValueAsString(Map.of("items", slice, "total_count", found.size())));
        }

        private static boolean matches(Map<String, Object> order, String[] f) {
            int c = compare(order.get(f[0]), f[1]);
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

        private static void reply(HttpExchange ex, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
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
}
