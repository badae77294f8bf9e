package io.camelaccs.component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A comma-separated list of HTTP header names, matched ignoring case, where {@code *} stands for any run of characters
 * ({@code X-Correlation-Id,X-Custom-*}). Empty matches nothing.
 */
final class HeaderNamePatterns {

    static final HeaderNamePatterns NONE = new HeaderNamePatterns(List.of());

    private final List<Pattern> patterns;

    private HeaderNamePatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /**
     * Parses the value of the named option; a name with a character HTTP header names cannot hold fails here, so that
     * the endpoint does not start.
     */
    static HeaderNamePatterns parse(String option, String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String item : list.split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
                continue;
            }
            for (int i = 0; i < name.length(); i++) {
                if (!isTokenChar(name.charAt(i))) {
                    throw new IllegalArgumentException("Option " + option + ": '" + name + "' is not an HTTP header"
                                                       + " name (character '" + name.charAt(i) + "' at " + i + "): give"
                                                       + " a comma-separated list of header names, where * matches any"
                                                       + " characters, such as X-Correlation-Id,X-Custom-*");
                }
            }
            String[] parts = name.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
            }
            patterns.add(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
        }
        return new HeaderNamePatterns(List.copyOf(patterns));
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    boolean matches(String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110 token characters, the only ones a header name may hold. */
    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
