package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-method simulators: each test gets a fresh one, its constructor and lifecycle methods the same one. Both tests
 * check the same things, whichever runs first and whether or not the other runs at all.
 */
@AccsSimulatorTest(products = 2, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
class ExtensionPerMethodTest {

    /** The simulators of the tests that ran before this one in this JVM, if any. */
    private static final List<AccsSimulator> EARLIER = new CopyOnWriteArrayList<>();

    private final AccsSimulator fromConstructor;
    private AccsSimulator fromBeforeEach;

    ExtensionPerMethodTest(AccsSimulator sim) {
        this.fromConstructor = sim;
    }

    @BeforeEach
    void beforeEach(AccsSimulator sim) {
        fromBeforeEach = sim;
    }

    @Test
    void first(AccsSimulator sim) {
        freshAndOwnedByThisTest(sim);
    }

    @Test
    void second(AccsSimulator sim) {
        freshAndOwnedByThisTest(sim);
    }

    private void freshAndOwnedByThisTest(AccsSimulator sim) {
        assertSame(fromConstructor, sim);
        assertSame(fromBeforeEach, sim);
        assertTrue(sim.isRunning());
        assertEquals(2, sim.products().size(), "a fresh catalog: another test's deletion is not seen");
        for (AccsSimulator earlier : EARLIER) {
            assertNotSame(earlier, sim);
            assertFalse(earlier.isRunning(), "an earlier test's simulator is closed");
        }
        EARLIER.add(sim);
        sim.products().delete(sim.products().skus().get(0));
        assertEquals(1, sim.products().size());
    }
}
