package io.camelaccs.rest;

/**
 * Where ACCS takes asynchronous and bulk calls: {@code async} goes after {@code V1} (not before it, as on Adobe
 * Commerce PaaS), and a bulk path replaces each path parameter {@code {name}} with the literal {@code byName}.
 */
public final class BulkPaths {

    private static final String V1 = "/V1/";
    /** Where the status of an accepted bulk is read. */
    static final String STATUS_TEMPLATE = "/V1/bulk/{bulkUuid}/status";
    static final String STATUS_PREFIX = "/V1/bulk/";

    private BulkPaths() {
    }

    /** {@code /V1/products/{sku}} becomes {@code /V1/async/products/{sku}}. */
    public static String async(String template) {
        return V1 + "async/" + afterV1(template);
    }

    /** {@code /V1/products/{sku}} becomes {@code /V1/async/bulk/products/bySku}. */
    public static String bulk(String template) {
        StringBuilder sb = new StringBuilder(V1).append("async/bulk/");
        String rest = afterV1(template);
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '{') {
                int close = rest.indexOf('}', i);
                String name = rest.substring(i + 1, close).trim();
                sb.append("by").append(Character.toUpperCase(name.charAt(0))).append(name, 1, name.length());
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String afterV1(String template) {
        if (!template.startsWith(V1)) {
            throw new IllegalArgumentException("mode async and bulk need a path under /V1/, but the path is " + template);
        }
        return template.substring(V1.length());
    }
}
