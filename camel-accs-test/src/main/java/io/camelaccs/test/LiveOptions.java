package io.camelaccs.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone simulator's options for how it behaves once running (latency, faults, webhook pushes), kept apart
 * from {@link SimulatorOptions} (what it is built with): {@link #extract} takes its own options out of a command line
 * and leaves the rest to that class, so each can grow options without touching the other.
 */
final class LiveOptions {

    static final String USAGE = """
              --latency-ms <n>         delay every Commerce answer by n ms (default 0)
              --fault-status <n>       the status of injected faults: 429, 500, 502, 503 or 504 (default 503)
              --fault-rate <r>         the share of Commerce requests answered with that status, 0 to 1 (default 0)
              --fault-retry-after <s>  the Retry-After of those answers, in seconds (default: none; 1 for a 429)
              --webhook-target <url>   push a signed I/O Events delivery to this URL for each Commerce event
                                       (a product or source item saved or deleted), as Adobe's webhooks do
            """;

    private static final List<String> NAMES = List.of("latency-ms", "fault-status", "fault-rate", "fault-retry-after",
            "webhook-target");

    private final Map<String, String> values;
    private final String[] remaining;

    private LiveOptions(Map<String, String> values, String[] remaining) {
        this.values = values;
        this.remaining = remaining;
    }

    /**
     * Takes this class's options ({@code --name value} or {@code --name=value}) out of a command line.
     *
     * @throws IllegalArgumentException naming an option of ours without a value, or whose value is not accepted
     */
    static LiveOptions extract(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            int equals = name.indexOf('=');
            String bare = equals >= 0 ? name.substring(0, equals) : name;
            if (!NAMES.contains(bare)) {
                rest.add(arg);
                continue;
            }
            if (equals >= 0) {
                values.put(bare, name.substring(equals + 1));
            } else if (i + 1 < args.length) {
                values.put(bare, args[++i]);
            } else {
                throw new IllegalArgumentException("Option --" + bare + " needs a value");
            }
        }
        LiveOptions options = new LiveOptions(values, rest.toArray(String[]::new));
        options.validate();
        return options;
    }

    /** The command line without this class's options. */
    String[] remaining() {
        return remaining.clone();
    }

    private void validate() {
        latencyMillis();
        faultStatus();
        faultRate();
        retryAfterSeconds();
        webhookTarget();
    }

    int latencyMillis() {
        return nonNegative("latency-ms", 0);
    }

    int faultStatus() {
        int status = nonNegative("fault-status", 503);
        if (status != 429 && status != 500 && status != 502 && status != 503 && status != 504) {
            throw new IllegalArgumentException("Option --fault-status must be 429, 500, 502, 503 or 504, but was "
                                               + status);
        }
        return status;
    }

    double faultRate() {
        String v = values.get("fault-rate");
        if (v == null) {
            return 0;
        }
        try {
            double rate = Double.parseDouble(v);
            if (rate >= 0 && rate <= 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option --fault-rate must be a number from 0 to 1 (0.1 fails one request in"
                                           + " ten), but was '" + v + "'");
    }

    Integer retryAfterSeconds() {
        if (!values.containsKey("fault-retry-after")) {
            return faultStatus() == 429 ? 1 : null;
        }
        return nonNegative("fault-retry-after", 0);
    }

    String webhookTarget() {
        String url = values.get("webhook-target");
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("Option --webhook-target must be an http(s) URL such as"
                                               + " http://localhost:8080/hooks/commerce, but was '" + url + "'");
        }
        return url;
    }

    private int nonNegative(String name, int otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option --" + name + " must be a whole number, 0 or more, but was '" + v + "'");
    }

    /** Applies the options to a running simulator. */
    void applyTo(AccsSimulator sim, long seed) {
        if (latencyMillis() > 0) {
            sim.faults().commerceLatency(Duration.ofMillis(latencyMillis()));
        }
        if (faultRate() > 0) {
            sim.faults().failRandomly(faultRate(), faultStatus(), retryAfterSeconds(), seed);
        }
        if (webhookTarget() != null) {
            sim.webhooks().subscribe(webhookTarget());
        }
    }

    /** What the options change, in a line for the console; empty when none is set. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (latencyMillis() > 0) {
            parts.add("every Commerce answer delayed by " + latencyMillis() + " ms");
        }
        if (faultRate() > 0) {
            parts.add(Math.round(faultRate() * 100) + "% of Commerce requests answered " + faultStatus()
                      + (retryAfterSeconds() != null ? " with Retry-After: " + retryAfterSeconds() : ""));
        }
        if (webhookTarget() != null) {
            parts.add("signed I/O Events deliveries pushed to " + webhookTarget() + " for each Commerce event");
        }
        return String.join("; ", parts);
    }
}
