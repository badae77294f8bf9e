package io.camelaccs.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Commerce operation: method, path template ({@code V1/products/{sku}}), the ACL resource a 401 names, and the
 * handler that answers it.
 */
final class Route {

    /** Answers a request with the JSON body of a 200, or throws a {@link CommerceException}. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(ApiRequest request);
    }

    private final String method;
    private final String template;
    private final List<String> parts;
    private final String resource;
    private final Handler handler;

    Route(String method, String template, String resource, Handler handler) {
        this.method = method;
        this.template = template;
        this.parts = List.of(template.split("/"));
        this.resource = resource;
        this.handler = handler;
    }

    String method() {
        return method;
    }

    /** The template as the schema writes it, such as {@code /V1/products/{sku}}. */
    String template() {
        return "/" + template;
    }

    String resource() {
        return resource;
    }

    Handler handler() {
        return handler;
    }

    int literalCount() {
        return (int) parts.stream().filter(p -> !isParam(p)).count();
    }

    /** The path parameters when the segments fit the template, else null. */
    Map<String, String> match(List<String> segments) {
        if (segments.size() != parts.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (isParam(part)) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }

    /**
     * The names of the path parameters when the segments fit the template's bulk form, where each {@code {name}} is
     * the literal {@code byName} ({@code V1/products/bySku}), else null.
     */
    List<String> matchBulk(List<String> segments) {
        if (segments.size() != parts.size()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (isParam(part)) {
                String name = part.substring(1, part.length() - 1);
                if (!segments.get(i).equals("by" + Character.toUpperCase(name.charAt(0)) + name.substring(1))) {
                    return null;
                }
                names.add(name);
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return names;
    }

    private static boolean isParam(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    @Override
    public String toString() {
        return method + " " + template();
    }
}
