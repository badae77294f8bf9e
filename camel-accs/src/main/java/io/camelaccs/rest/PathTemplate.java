package io.camelaccs.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An ACCS path such as {@code /V1/products/{sku}/media/{entryId}}: its parameter names, and its expansion with each
 * value percent-encoded as one path segment (SKUs hold spaces, slashes, {@code +}, {@code %}, {@code #}, {@code ?},
 * non-ASCII letters, and can be {@code .} or {@code ..}).
 */
public final class PathTemplate {

    private final String template;
    private final List<Object> parts = new ArrayList<>(); // String literal or Param
    private final List<String> parameters = new ArrayList<>();

    private record Param(String name) {
    }

    public PathTemplate(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("The path of an accs endpoint must start with '/', as in "
                                               + "accs:get:/V1/products/{sku}, but was: " + template);
        }
        this.template = template;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(template.substring(i));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '{' at column " + (open + 1) + " of path " + template);
            }
            String name = template.substring(open + 1, close).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Empty parameter name '{}' at column " + (open + 1) + " of path " + template);
            }
            if (open > i) {
                parts.add(template.substring(i, open));
            }
            parts.add(new Param(name));
            parameters.add(name);
            i = close + 1;
        }
    }

    public String template() {
        return template;
    }

    /** The names of the {@code {name}} parameters, in order. */
    public List<String> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /**
     * The path with every parameter filled and encoded.
     *
     * @param values gives a parameter's value, or null when it has none
     * @throws IllegalArgumentException naming the first parameter without a value
     */
    public String expand(Function<String, Object> values, String method) {
        StringBuilder sb = new StringBuilder(template.length() + 32);
        for (Object part : parts) {
            if (part instanceof Param p) {
                Object value = values.apply(p.name());
                if (value == null || value.toString().isEmpty()) {
                    throw new IllegalArgumentException("Path parameter '" + p.name() + "' of " + method + " " + template
                                                       + " has no value: set message header '" + p.name()
                                                       + "' or endpoint option '" + p.name() + "'");
                }
                sb.append(encodeSegment(value.toString()));
            } else {
                sb.append((String) part);
            }
        }
        return sb.toString();
    }

    /**
     * One value as one path segment: {@link #encode(String)}, except that a value that is exactly {@code .} or
     * {@code ..} becomes {@code %2E} or {@code %2E%2E}. Left as they are, HTTP clients, proxies and servers treat those
     * as dot segments and remove them (RFC 3986 section 5.2.4), so {@code /V1/products/..} would reach
     * {@code /V1/} instead of the product whose SKU is {@code ..}.
     */
    static String encodeSegment(String value) {
        if (value.equals(".")) {
            return "%2E";
        }
        if (value.equals("..")) {
            return "%2E%2E";
        }
        return encode(value);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters; a space becomes {@code %20}, never {@code +}. */
    public static String encode(String value) {
        // most values (skus, ids, OAuth nonces and timestamps) need nothing: no copy for them
        int i = 0;
        while (i < value.length() && isUnreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
               || c == '~';
    }

    @Override
    public String toString() {
        return template;
    }
}
