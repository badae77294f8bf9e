package io.camelaccs.component;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The message headers an exchange sends to Commerce as HTTP headers, and the response headers copied back onto the
 * message: only those named by options {@code requestHeaders} and {@code responseHeaders}, and of those only what the
 * endpoint's {@link HeaderFilterStrategy} lets through. By default nothing: headers that arrived from Kafka, JMS or
 * an HTTP caller never reach Commerce unless the route author names them.
 */
final class HeaderBinding {

    static final HeaderBinding NONE = new HeaderBinding(new AccsHeaderFilterStrategy(), HeaderNamePatterns.NONE,
            HeaderNamePatterns.NONE);

    private final HeaderFilterStrategy strategy;
    private final HeaderNamePatterns sent;
    private final HeaderNamePatterns copied;

    HeaderBinding(HeaderFilterStrategy strategy, HeaderNamePatterns sent, HeaderNamePatterns copied) {
        this.strategy = strategy;
        this.sent = sent;
        this.copied = copied;
    }

    /**
     * The HTTP headers this exchange's message asks to send, each value converted to text (a Kafka header's bytes, a
     * number); a collection or array sends one header per element.
     *
     * @throws IllegalArgumentException a selected header whose name or value HTTP cannot carry, before any call
     */
    List<Map.Entry<String, String>> requestHeaders(Exchange exchange) {
        if (sent.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, Object> h : exchange.getMessage().getHeaders().entrySet()) {
            String name = h.getKey();
            if (!sent.matches(name) || strategy.applyFilterToCamelHeaders(name, h.getValue(), exchange)) {
                continue;
            }
            requireHeaderName(name);
            for (Object value : values(h.getValue())) {
                if (value != null) {
                    String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value);
                    text = text != null ? text : value.toString();
                    requireHeaderValue(name, text);
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, text));
                }
            }
        }
        return headers;
    }

    /** Copies the selected response headers (names in lower case, as received) onto the message. */
    void copyResponseHeaders(Map<String, String> responseHeaders, Message out) {
        if (copied.isEmpty()) {
            return;
        }
        responseHeaders.forEach((name, value) -> {
            if (copied.matches(name) && !strategy.applyFilterToExternalHeaders(name, value, out.getExchange())) {
                out.setHeader(name, value);
            }
        });
    }

    private static List<?> values(Object value) {
        if (value instanceof Iterable<?> many) {
            List<Object> list = new ArrayList<>();
            many.forEach(list::add);
            return list;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        return Collections.singletonList(value);
    }

    private static void requireHeaderName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!HeaderNamePatterns.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("Message header '" + name + "', selected by option requestHeaders,"
                                                   + " cannot be sent: an HTTP header name cannot hold '"
                                                   + name.charAt(i) + "'. Rename it or narrow requestHeaders");
            }
        }
    }

    /**
     * HTTP header values are ASCII text on one line; the HTTP client would otherwise garble or split them. The value
     * is not quoted in the message: it may be anything.
     */
    private static void requireHeaderValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("Message header '" + name + "', selected by option requestHeaders,"
                                                   + " cannot be sent: its value holds " + describe(c) + " at index " + i
                                                   + ", and HTTP header values are ASCII text on one line."
                                                   + " Encode the value (URL or Base64 encoding) before the call");
            }
        }
    }

    private static String describe(char c) {
        if (c == '\r' || c == '\n') {
            return "a line break";
        }
        return c < 0x20 || c == 0x7f ? "a control character" : "a non-ASCII character";
    }
}
