package io.camelaccs.component;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Options whose value is an optional property placeholder nobody set, such as {@code {{?filter}}}: Camel removes an
 * option whose value is exactly such a placeholder, but not one wrapped in {@code RAW(...)}, which Kamelets need for a
 * filter and which the YAML DSL adds itself around every secret option. Left alone, the literal would become the
 * option's value (a client id {@code {{?clientId}}}) and show in the endpoint URI. Removed here, an unset Kamelet
 * property is an unset option, and leaves no trace.
 */
public final class UnsetPlaceholders {

    /** {@code {{?name}}}, bare or in {@code RAW(...)} / {@code RAW{...}}. */
    private static final Pattern VALUE = Pattern.compile("(RAW[({])?\\{\\{\\?[^}]*}}[)}]?");
    /** The same as a query parameter of a URI, plain or percent-encoded. */
    private static final Pattern PARAMETER = Pattern.compile(
            "([?&])[^=&?]+=RAW[({](\\{\\{|%7B%7B)\\?[^&]*?(}}|%7D%7D)[)}](?=&|$)");

    private UnsetPlaceholders() {
    }

    /** Removes the options whose value is an unresolved optional placeholder. */
    public static void removeFrom(Map<String, Object> parameters) {
        parameters.values().removeIf(v -> v instanceof String s && VALUE.matcher(s).matches());
    }

    /** The URI without those options. */
    public static String removeFrom(String uri) {
        String cleaned = uri;
        String before;
        do {
            before = cleaned;
            cleaned = PARAMETER.matcher(cleaned).replaceFirst("$1");
        } while (!cleaned.equals(before));
        // a removed first option leaves "?&" or a trailing "?" or "&"
        cleaned = cleaned.replace("?&", "?").replace("&&", "&");
        while (cleaned.endsWith("&") || cleaned.endsWith("?")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned;
    }
}
