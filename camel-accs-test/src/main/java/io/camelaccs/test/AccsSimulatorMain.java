package io.camelaccs.test;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, for trying routes by hand:
 *
 * <pre>
 * java -jar camel-accs-test-&lt;version&gt;-standalone.jar --port 8089 --products 1000 --seed 7
 * java -jar camel-accs-test-&lt;version&gt;-standalone.jar --latency-ms 200 --fault-rate 0.1 --fault-status 429 \
 *     --webhook-target http://localhost:8080/hooks/commerce
 * </pre>
 *
 * It prints the settings to paste ({@code ACCS_BASE_URL}, {@code ACCS_IMS_URL}, {@code ACCS_CLIENT_ID},
 * {@code ACCS_CLIENT_SECRET}, {@code ACCS_ORG_ID}, or with {@code --platform PAAS} {@code ACCS_PLATFORM} and the
 * integration's {@code ACCS_CONSUMER_KEY}, ...; and the same as {@code camel.component.accs.*} properties) and
 * the PEM public key that verifies its Commerce webhook calls, every URL it serves (REST, IMS, the I/O Events journal and
 * public keys), and runs until Ctrl-C. {@code --help} lists the options.
 * <p>
 * This is a console program: it talks to its user on standard output, and the credentials it prints are the
 * simulator's own.
 */
public final class AccsSimulatorMain {

    private AccsSimulatorMain() {
    }

    /** Exit code of a command line that names an unknown option or a value that is not accepted. */
    static final int BAD_OPTIONS = 2;
    /** Exit code of a simulator that could not start (most often: the port is taken). */
    static final int NOT_STARTED = 1;

    /**
     * Starts the simulator and waits for Ctrl-C (or any other termination of the JVM), which stops it.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream console = System.out;
        Launch launch = launch(console, System.err, args);
        if (launch.exitCode() != 0) {
            System.exit(launch.exitCode());
        }
        AccsSimulator sim = launch.simulator();
        if (sim == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            console.println("ACCS simulator stopped");
            stopped.countDown();
        }, "accs-simulator-shutdown"));
        stopped.await();
    }

    /** What a command line came to: a running simulator (null after {@code --help}), or the exit code of a failure. */
    record Launch(AccsSimulator simulator, int exitCode) {
    }

    /**
     * Starts a simulator from a command line, telling its user on {@code out} what to paste, or on {@code err} what
     * was wrong with the command line or the start.
     */
    static Launch launch(PrintStream out, PrintStream err, String... args) {
        try {
            return new Launch(start(out, args), 0);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(SimulatorOptions.USAGE);
            return new Launch(null, BAD_OPTIONS);
        } catch (RuntimeException e) {
            err.println("The simulator could not start: " + e.getMessage()
                        + " (another port: --port <n>, any free one: --port 0)");
            return new Launch(null, NOT_STARTED);
        }
    }

    /**
     * Starts a simulator with these options and prints what to paste to use it.
     *
     * @param out  where the settings go
     * @param args the options
     * @return the running simulator, to close; null when {@code --help} was asked for (the usage is printed)
     * @throws IllegalArgumentException when an option is unknown or its value is not accepted, naming it
     */
    public static AccsSimulator start(PrintStream out, String... args) {
        LiveOptions live = LiveOptions.extract(args);
        SimulatorOptions options = SimulatorOptions.parse(live.remaining());
        if (options.help()) {
            out.print(SimulatorOptions.USAGE);
            out.print(LiveOptions.USAGE);
            return null;
        }
        AccsSimulator sim = options.builder().build().start();
        live.applyTo(sim, 42);
        out.println((sim.isPaas() ? "PaaS" : "ACCS") + " simulator running on " + sim.imsUrl() + " with " + sim.products().size() + " products and "
                    + sim.orders().size() + " orders. Ctrl-C stops it.");
        List<String> documented = Arrays.stream(CatalogGenerator.DOCUMENTED_PRODUCTS)
                .map(CatalogGenerator.DocumentedProduct::sku)
                .filter(sku -> sim.products().get(sku).isPresent()).toList();
        if (!documented.isEmpty()) {
            out.println("Products the guide names: " + String.join(", ", documented) + ".");
        }
        if (!live.describe().isEmpty()) {
            out.println("Running with " + live.describe() + ".");
        }
        out.println();
        out.print(SimulatorUrls.render(sim));
        out.println();
        // before the settings: their last line is the signal, for scripts and tests, that the simulator is ready
        out.println("# Commerce webhooks (POST /V1/webhooks/subscribe): the public key that verifies the simulator's "
                    + "x-adobe-commerce-webhook-signature, the publicKey of an accs-webhook: endpoint");
        out.print(sim.commerceWebhooks().publicKeyPem());
        out.println();
        out.print(PastableSettings.render(sim));
        out.flush();
        return sim;
    }
}
