package io.camelaccs.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a journal answer: its events with their positions, and the {@code next} link resolved against the journal's
 * scheme and host (Adobe sends it relative, and asks clients to follow it rather than build URLs).
 */
final class JournalPage {

    record Entry(String position, CommerceEvent event) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalPage() {
    }

    /** Reads a 200 answer's body. */
    @SuppressWarnings("unchecked")
    static List<Entry> events(byte[] body) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(body, Map.class);
        } catch (java.io.IOException e) {
            throw new AccsEventsException("The journal answered 200 with a body that is not JSON: " + e.getMessage(), 200);
        }
        Object events = root.get("events");
        List<Entry> entries = new ArrayList<>();
        if (events instanceof List<?> list) {
            for (Object e : list) {
                if (!(e instanceof Map<?, ?> entry) || entry.get("position") == null) {
                    throw new AccsEventsException("A journal entry has no position: " + e, 200);
                }
                String position = entry.get("position").toString();
                entries.add(new Entry(position, CommerceEvent.of(entry.get("event"), "at position " + position)));
            }
        }
        return entries;
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
            String params = link.substring(close + 1).toLowerCase(Locale.ROOT);
            if (!params.matches(".*;\\s*rel\\s*=\\s*\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?.*")) {
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

    /** Splits on the commas between links, not on those inside a {@code <...>} target. */
    private static List<String> splitLinks(String header) {
        List<String> links = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '<') {
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
