package io.camelaccs.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator shared by the tests of a class, started before the first and closed after the last, for use as a
 * static {@code @RegisterExtension} field. Unlike {@link AccsSimulatorTest} it takes a whole
 * {@link AccsSimulator.Builder}, as these tests also set the clock and the bulk delay. The test instance (one per test
 * method) can read it in a field initializer, which runs after the simulator has started.
 */
final class SimulatorPerClass implements BeforeAllCallback, AfterAllCallback {

    private final AccsSimulator.Builder settings;
    private AccsSimulator simulator;

    SimulatorPerClass(AccsSimulator.Builder settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = settings.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) { // null when starting it failed
            simulator.close();
        }
    }

    /** The running simulator. */
    AccsSimulator get() {
        if (simulator == null) {
            throw new IllegalStateException("The simulator starts before the first test of the class, not earlier");
        }
        return simulator;
    }
}
