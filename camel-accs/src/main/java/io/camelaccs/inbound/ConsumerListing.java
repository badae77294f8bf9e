package io.camelaccs.inbound;

import java.util.List;
import java.util.Map;

/**
 * The text form of a dev console's consumer list, the same for the accs-events and accs-webhook consoles: one heading
 * line per consumer (component, what it is, route), then each of its other details indented.
 */
public final class ConsumerListing {

    private ConsumerListing() {
    }

    /**
     * @param consumers each consumer's details, with a {@code component} and a {@code routeId}
     * @param nameKey   the detail that names the consumer in its heading ({@code kind}, {@code path})
     */
    public static String asText(List<Map<String, Object>> consumers, String nameKey) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> c : consumers) {
            sb.append("Consumer ").append(c.get("component")).append(' ').append(c.get(nameKey));
            sb.append(" (route ").append(c.get("routeId")).append(")\n");
            c.forEach((k, v) -> {
                if (v != null && !"component".equals(k) && !nameKey.equals(k) && !"routeId".equals(k)) {
                    sb.append("    ").append(k).append(": ").append(v).append('\n');
                }
            });
        }
        return sb.toString();
    }
}
