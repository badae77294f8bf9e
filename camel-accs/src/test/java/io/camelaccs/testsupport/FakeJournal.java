package io.camelaccs.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * An I/O Events journal on WireMock, as EVENTS-FACTS.md describes it: positions, {@code since}, {@code limit},
 * {@code latest}, relative {@code Link rel=next}, 204 with {@code retry-after} at the end, 410 for a position older
 * than what is kept. Events are added by the test; a duplicate is the same event again at a new position.
 */
public final class FakeJournal implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-journal";
    public static final String PATH = "/events/organizations/ORG1/integrations/CRED1/REG1";

    public record Entry(String position, Map<String, Object> event) {
    }

    public record Request(String url, String since, long nanos, Map<String, String> headers) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int oldestKept;
    private volatile int pageSize = 50;
    private volatile String retryAfter = "2";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public void reset() {
        entries.clear();
        requests.clear();
        oldestKept = 0;
        pageSize = 50;
        retryAfter = "2";
    }

    /** Appends an event at the next position, and returns that position. */
    public String append(Map<String, Object> event) {
        String position = String.format("pos-%05d", entries.size() + 1);
        entries.add(new Entry(position, event));
        return position;
    }

    public static Map<String, Object> event(String id, String type) {
        return Map.of("specversion", "1.0", "id", "ce-" + id, "event_id", id, "type", type,
                "time", "2026-11-28T10:00:00Z", "recipient_client_id", "test-client-id-0001",
                "data", Map.of("key", id, "value", Map.of("sku", "SKU " + id + " & 100% +x")));
    }

    /** The events from index {@code from} on are no longer kept (retention). */
    public void expireBefore(int from) {
        oldestKept = from;
    }

    public void pageSize(int size) {
        pageSize = size;
    }

    public void retryAfter(String value) {
        retryAfter = value;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String since = query(request.getUrl(), "since");
        Map<String, String> headers = new java.util.HashMap<>();
        for (String h : List.of("Authorization", "x-api-key", "x-ims-org-id", "Accept")) {
            headers.put(h, request.getHeader(h));
        }
        requests.add(new Request(request.getUrl(), since, System.nanoTime(), headers));
        List<Entry> all = entries();
        int from;
        if (since != null) {
            int at = indexOf(all, since);
            if (at < 0 || at < oldestKept - 1) {
                return aResponse().withStatus(410).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"events at position " + since + " have expired\"}").build();
            }
            from = at + 1;
        } else if ("true".equals(query(request.getUrl(), "latest"))) {
            from = all.size();
        } else {
            from = oldestKept;
        }
        String limit = query(request.getUrl(), "limit");
        int size = limit != null ? Math.min(pageSize, Integer.parseInt(limit)) : pageSize;
        if (from >= all.size()) {
            String last = from == 0 ? null : all.get(from - 1).position();
            var reply = aResponse().withStatus(204).withHeader("retry-after", retryAfter);
            if (last != null) {
                reply.withHeader("Link", "<" + PATH + "?since=" + last + ">; rel=\"next\"");
            }
            return reply.build();
        }
        List<Map<String, Object>> page = new ArrayList<>();
        int to = Math.min(all.size(), from + size);
        for (Entry e : all.subList(from, to)) {
            page.add(Map.of("position", e.position(), "event", e.event()));
        }
        String last = all.get(to - 1).position();
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Link", "<" + PATH + "?latest=true>; rel=\"latest\"")
                    .withHeader("Link", "<" + PATH + "?since=" + last + (limit != null ? "&limit=" + limit : "")
                                        + ">; rel=\"next\"")
                    .withBody(json.writeValueAsString(Map.of("events", page,
                            "_page", Map.of("last", last, "count", page.size()))))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(List<Entry> all, String position) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).position().equals(position)) {
                return i;
            }
        }
        return -1;
    }

    private static String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
