package io.camelaccs.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link AccsSimulatorMain}: {@code --name value} or {@code --name=value}, every option optional.
 */
final class SimulatorOptions {

    /** The port the standalone simulator listens on unless told otherwise: stable, so pasted settings stay valid. */
    static final int DEFAULT_PORT = 8089;

    static final String USAGE = """
            Usage: java -jar camel-accs-test-<version>-standalone.jar [options]

            Starts a simulated Adobe Commerce as a Cloud Service tenant and Adobe IMS on 127.0.0.1, prints the
            settings that point the accs component at it, and runs until Ctrl-C.

            Options:
              --port <n>        port on 127.0.0.1; 0 picks a free one (default 8089)
              --products <n>    products in the generated catalog (default 100)
              --orders <n>      orders (default 20)
              --seed <n>        seed of the generated data: the same seed gives the same data (default 42)
              --tenant <id>     tenant id, the last segment of the base URL (default sim-tenant)
              --platform <p>    CLOUD_SERVICE (ACCS, default) or PAAS: an Adobe Commerce PaaS shop under /rest/<store>/,
                                an integration signing with OAuth 1.0a, admin tokens
              --help            this text
            """;

    private static final List<String> NAMES = List.of("port", "products", "orders", "seed", "tenant", "platform");

    private final Map<String, String> values;
    private final boolean help;

    private SimulatorOptions(Map<String, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    /**
     * @throws IllegalArgumentException naming the option and what it accepts
     */
    static SimulatorOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': options are --"
                                                   + String.join(", --", NAMES) + " and --help");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Option --" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + ": options are --"
                                                   + String.join(", --", NAMES) + " and --help");
            }
            values.put(name, value);
        }
        return new SimulatorOptions(values, help);
    }

    boolean help() {
        return help;
    }

    /** A simulator builder with these options applied. */
    AccsSimulator.Builder builder() {
        AccsSimulator.Builder builder = AccsSimulator.builder()
                .port(number("port", DEFAULT_PORT))
                .products(number("products", 100))
                .orders(number("orders", 20))
                .seed(longNumber("seed", 42));
        if (values.containsKey("tenant")) {
            builder.tenantId(values.get("tenant"));
        }
        String platform = values.getOrDefault("platform", "CLOUD_SERVICE").trim();
        if (!platform.equalsIgnoreCase("CLOUD_SERVICE") && !platform.equalsIgnoreCase("PAAS")) {
            throw new IllegalArgumentException("Option --platform takes CLOUD_SERVICE or PAAS, not '" + platform + "'");
        }
        return builder.paas(platform.equalsIgnoreCase("PAAS"));
    }

    private int number(String name, int defaultValue) {
        long value = longNumber(name, defaultValue);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Option --" + name + " takes a whole number of at least 0, not "
                                               + values.get(name));
        }
        return (int) value;
    }

    private long longNumber(String name, long defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option --" + name + " takes a whole number, not '" + value + "'");
        }
    }
}
