package io.camelaccs.test;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings that point an application at a running simulator, in the forms users paste them: environment
 * variables (the names the guide and the example use) and {@code camel.component.accs.*} properties (Camel Main and
 * Spring Boot alike). The credentials are the simulator's own, worthless anywhere else.
 * <p>
 * The PaaS shop's secrets are hostile on purpose ({@code +}, {@code /}, {@code &}, {@code =}, {@code %}, a space, a
 * non-ASCII letter: they test the component's encoding), so each line is written in the syntax of where it is pasted:
 * a POSIX shell, and a {@code .properties} file, which Camel Main and {@link java.util.Properties#load(java.io.InputStream)}
 * read as ISO-8859-1 whatever the editor saved.
 */
final class PastableSettings {

    /** What a shell word may hold unquoted; anything else is single-quoted. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private PastableSettings() {
    }

    static String render(AccsSimulator sim) {
        Map<String, String> options = sim.componentProperties();
        StringBuilder sb = new StringBuilder();
        if (sim.isPaas()) {
            // ACCS_* for placeholders rather than CAMEL_COMPONENT_ACCS_*: Camel Main 4.18 does not bind those to a
            // component outside Camel's own catalog
            sb.append("# environment variables, for an application.properties with placeholders such as\n")
                    .append("# camel.component.accs.consumer-key = {{accs.consumer-key}} (Camel Main looks {{accs.x-y}}"
                            + " up as ACCS_X_Y)\n");
        } else {
            sb.append("# environment variables\n");
        }
        options.forEach((name, value) -> sb.append("export ").append(environmentName(name)).append('=')
                .append(shellWord(value)).append('\n'));
        sb.append('\n');
        if (sim.isPaas()) {
            sb.append("# or application.properties (Camel Main, Spring Boot): an Adobe Commerce PaaS shop,"
                      + " authenticated as an integration\n")
                    .append("# (for admin tokens instead: authentication-type=ADMIN_TOKEN, admin-username=")
                    .append(propertyValue(sim.paas().adminUsername())).append(", admin-password=")
                    .append(propertyValue(sim.paas().adminPassword())).append(")\n");
        } else {
            sb.append("# or application.properties (Camel Main, Spring Boot)\n");
        }
        options.forEach((name, value) -> sb.append("camel.component.accs.").append(kebabCase(name)).append('=')
                .append(propertyValue(value)).append('\n'));
        return sb.toString();
    }

    /** {@code accessTokenSecret} as {@code ACCS_ACCESS_TOKEN_SECRET}, the variable of {@code {{accs.access-token-secret}}}. */
    static String environmentName(String option) {
        return "ACCS_" + kebabCase(option).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static String kebabCase(String option) {
        return option.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** A value as one shell word: as it is when nothing in it is special (the ACCS lines stay as documented). */
    static String shellWord(String value) {
        if (SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * A value as {@link java.util.Properties#load(java.io.InputStream)} reads it back: ASCII only (other characters
     * as {@code \}{@code uXXXX}), backslashes doubled, and the whitespace that loading or an editor would drop
     * escaped.
     */
    static String propertyValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                // a leading space would be skipped as the separator's; a trailing one stripped by editors, and as
                // "\ " at the end of a line it would leave a backslash that continues the line
                case ' ' -> sb.append(i == 0 || i == value.length() - 1 ? "\\u0020" : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
