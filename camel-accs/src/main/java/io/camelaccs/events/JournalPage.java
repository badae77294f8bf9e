package io.camelaccs.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a journal answer: its events with their positions, and the {@code next} link resolved against the journal's
 * scheme and host (Adobe sends it relative, and asks clients to follow it rather than build URLs).
 */
final class JournalPage {

    /**
     * One element of a page's {@code events}: an event at its position, or, when the element is not one, why
     * ({@code problem}) and the position when it has one. A malformed element is handed to the route's error handler
     * rather than stalling the journal; its content is never quoted (it may hold customer data).
     */
    record Entry(String position, CommerceEvent event, String problem) {

        boolean isMalformed() {
            return problem != null;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            // a parse error must not quote the body: a journal entry can hold customer data
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private JournalPage() {
    }

    /** Reads a 200 answer's body; an answer that is not a page at all fails, naming only where it broke. */
    static List<Entry> events(byte[] body) {
        Object root;
        try {
            root = JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AccsEventsException("The journal answered 200 with a body that is not JSON"
                                          + (at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
                                                  : ""),
                    200);
        } catch (java.io.IOException e) {
            throw new AccsEventsException("The journal answered 200 with a body that cannot be read", 200);
        }
        if (!(root instanceof Map<?, ?> page)) {
            throw new AccsEventsException("The journal answered 200 with " + kind(root) + " instead of a page object", 200);
        }
        Object events = page.get("events");
        List<Entry> entries = new ArrayList<>();
        if (events == null) {
            return entries;
        }
        if (!(events instanceof List<?> list)) {
            throw new AccsEventsException("The journal answered 200 with events as " + kind(events)
                                          + " instead of an array", 200);
        }
        for (Object element : list) {
            entries.add(entry(element));
        }
        return entries;
    }

    private static Entry entry(Object element) {
        if (!(element instanceof Map<?, ?> map)) {
            return new Entry(null, null, "it is " + kind(element) + ", not a JSON object");
        }
        Object position = map.get("position");
        if (!(position instanceof String || position instanceof Number) || position.toString().isEmpty()) {
            return new Entry(null, null, "it has no position");
        }
        String at = position.toString();
        Object event = map.get("event");
        if (!(event instanceof Map<?, ?>)) {
            return new Entry(at, null, event == null ? "it has no event" : "its event is " + kind(event)
                                                                            + ", not a JSON object");
        }
        return new Entry(at, CommerceEvent.of(event, "at position " + at), null);
    }

    /** What a parsed JSON value is, without what it holds. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a JSON value";
    }

    /**
     * The {@code rel="next"} target of a {@code Link} header value (several links, comma separated), resolved against
     * {@code requested}; null when there is none. A link to another scheme, host or port is refused: the token must not
     * travel there.
     */
    static String nextLink(String linkHeader, String requested) {
        if (linkHeader == null) {
            return null;
        }
        for (String link : splitLinks(linkHeader)) {
            int open = link.indexOf('<');
            int close = link.indexOf('>', open + 1);
            if (open < 0 || close < 0) {
                continue;
            }
            if (!hasRel(link.substring(close + 1), "next")) {
                continue;
            }
            URI base = URI.create(requested);
            URI target = base.resolve(link.substring(open + 1, close).trim());
            if (!sameOrigin(base, target)) {
                throw new AccsEventsException("The journal's next link points at another host (" + target.getScheme()
                                              + "://" + target.getHost() + "): not followed", 0);
            }
            return target.toString();
        }
        return null;
    }

    /**
     * Whether a link's parameters ({@code ; rel="next"; title=...}) name {@code relation} in their {@code rel}: one of
     * its space-separated values, compared whole and without case (RFC 8288), so that {@code rel="next-archive"} is not
     * {@code next}. Only the first {@code rel} counts, as the RFC says.
     */
    static boolean hasRel(String params, String relation) {
        for (String param : split(params, ';')) {
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String value = param.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            for (String rel : value.trim().split("\\s+")) {
                if (rel.equalsIgnoreCase(relation)) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /** Splits on {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The value of query parameter {@code name} in a URL, decoded, or null. */
    static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
               && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** Splits on the commas between links, not on those inside a {@code <...>} target or a quoted parameter. */
    private static List<String> splitLinks(String header) {
        List<String> links = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                links.add(header.substring(start, i));
                start = i + 1;
            }
        }
        links.add(header.substring(start));
        return links;
    }
}
