package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Per-method simulators: each test gets a fresh one, its constructor and lifecycle methods the same one. */
@AccsSimulatorTest(products = 2, lifecycle = AccsSimulatorTest.Lifecycle.PER_METHOD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionPerMethodTest {

    private static AccsSimulator previous;
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
    @Order(1)
    void first(AccsSimulator sim) {
        assertSame(fromConstructor, sim);
        assertSame(fromBeforeEach, sim);
        previous = sim;
        sim.products().delete(sim.products().skus().get(0));
        assertEquals(1, sim.products().size());
    }

    @Test
    @Order(2)
    void second(AccsSimulator sim) {
        assertSame(fromConstructor, sim);
        assertNotSame(previous, sim);
        assertFalse(previous.isRunning(), "the first test's simulator is closed");
        assertTrue(sim.isRunning());
        assertEquals(2, sim.products().size());
    }
}
