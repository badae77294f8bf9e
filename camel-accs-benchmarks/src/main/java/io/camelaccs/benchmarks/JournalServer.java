package io.camelaccs.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback Adobe I/O Events journal (and IMS token endpoint) that holds no events: event {@code i} (1..N) of a
 * journal is synthesised from {@code i} on every request ({@link ProductSaveEvent}, about 1.5 KB). It answers as
 * EVENTS-FACTS.md describes: {@code GET} with no query from the oldest event, {@code since=<position>} strictly after
 * it, {@code limit=N} at most N events (and no more than about 1.5 MB); a 200 page
 * {@code {"events":[{"position":..,"event":{..}}],"_page":{"last":..,"count":n}}} with a relative
 * {@code Link: <...?since=last>; rel="next"}; past the last event, {@code 204} with {@code retry-after: 10} and a
 * {@code next} link to the same position. Requests without a bearer token, {@code x-api-key} or {@code x-ims-org-id}
 * get 401, as the real journal's do.
 * <p>
 * Each {@link #newJournal()} is another registration's journal (its own path): the same N events under new ids, so
 * that each walk starts from a fresh idempotent repository's point of view, as a new application would.
 */
final class JournalServer implements AutoCloseable {

    static final String ORG = "BENCH0123456789@AdobeOrg";
    static final String PATH = "/events/organizations/bench-org/integrations/bench-credential/";
    /** The page size when the request names no limit (the generator's choice; Adobe documents none). */
    static final int DEFAULT_LIMIT = 100;
    /** Adobe caps a journal answer near 1.5 MB whatever the limit. */
    static final int MAX_PAGE_BYTES = 1_500_000;
    static final int RETRY_AFTER_SECONDS = 10;

    private final HttpServer server;
    private final ExecutorService workers;
    private final int total;
    private final long startEpochMillis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    final AtomicLong pages = new AtomicLong();
    final AtomicLong caughtUp = new AtomicLong();
    final AtomicLong tokenRequests = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong bytesServed = new AtomicLong();
    private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(1 << 20));

    JournalServer(int total) throws IOException {
        this.total = total;
        java.util.concurrent.ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "journal-generator");
            t.setDaemon(true);
            return t;
        };
        workers = Executors.newFixedThreadPool(2, daemons);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/ims/token/v3", ex -> {
            tokenRequests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            send(ex, 200, "application/json",
                    "{\"access_token\":\"journal-token\",\"token_type\":\"bearer\",\"expires_in\":86399}");
        });
        server.createContext(PATH, this::journal);
        server.setExecutor(workers);
        server.start();
    }

    /** The journal URL of a new registration: the same events under ids no other journal of this server uses. */
    String newJournal() {
        long salt = ThreadLocalRandom.current().nextLong() & 0x7fff_ffff_ffffL;
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + Long.toHexString(salt);
    }

    String imsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int total() {
        return total;
    }

    private void journal(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || ex.getRequestHeaders().getFirst("x-api-key") == null
            || !ORG.equals(ex.getRequestHeaders().getFirst("x-ims-org-id"))) {
            refused.incrementAndGet();
            send(ex, 401, "application/json", "{\"error\":\"unauthorized\"}");
            return;
        }
        String registration = ex.getRequestURI().getPath().substring(PATH.length());
        long salt;
        try {
            salt = Long.parseLong(registration, 16);
        } catch (NumberFormatException e) {
            send(ex, 404, "application/json", "{\"error\":\"no such registration\"}");
            return;
        }
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        long from = 1;
        if (q.containsKey("since")) {
            from = index(q.get("since")) + 1;
        } else if ("true".equals(q.get("latest"))) {
            from = total + 1L;
        }
        String limitText = q.get("limit");
        int limit = limitText == null ? DEFAULT_LIMIT : Integer.parseInt(limitText);
        String self = PATH + registration;
        String limitParam = limitText == null ? "" : "&limit=" + limitText;
        if (from > total) {
            pages.incrementAndGet();
            caughtUp.incrementAndGet();
            ex.getResponseHeaders().add("retry-after", Integer.toString(RETRY_AFTER_SECONDS));
            ex.getResponseHeaders().add("Link", "<" + self + "?since=" + position(salt, from - 1) + limitParam
                                                + ">; rel=\"next\"");
            ex.sendResponseHeaders(204, -1);
            ex.close();
            return;
        }
        pages.incrementAndGet();
        StringBuilder sb = buffers.get();
        sb.setLength(0);
        sb.append("{\"events\":[");
        long i = from;
        int count = 0;
        for (; i <= total && count < limit && sb.length() < MAX_PAGE_BYTES - 4096; i++, count++) {
            if (count > 0) {
                sb.append(',');
            }
            sb.append("{\"position\":\"").append(position(salt, i)).append("\",\"event\":");
            ProductSaveEvent.append(sb, salt, i, Instant.ofEpochMilli(startEpochMillis + i).toString());
            sb.append('}');
        }
        String last = position(salt, i - 1);
        sb.append("],\"_page\":{\"last\":\"").append(last).append("\",\"count\":").append(count).append("}}");
        ex.getResponseHeaders().add("Link", "<" + self + "?since=" + last + limitParam + ">; rel=\"next\"");
        send(ex, 200, "application/json", sb);
    }

    /** An opaque-looking position that carries the event number. */
    private static String position(long salt, long i) {
        return "bench." + Long.toHexString(salt) + "." + i;
    }

    private static long index(String position) {
        return Long.parseLong(position.substring(position.lastIndexOf('.') + 1));
    }

    private void send(HttpExchange ex, int status, String type, CharSequence body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        bytesServed.addAndGet(bytes.length);
        ex.getResponseHeaders().add("Content-Type", type);
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
