package io.camelaccs.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link AccsSimulatorTest}: one simulator per class, injected into constructors, lifecycle and test methods. */
@AccsSimulatorTest(products = 7, orders = 3, tokenLifetimeSeconds = 120)
class ExtensionTest {

    private static AccsSimulator fromBeforeAll;
    private final AccsSimulator fromConstructor;

    ExtensionTest(AccsSimulator sim) {
        this.fromConstructor = sim;
    }

    @BeforeAll
    static void beforeAll(AccsSimulator sim) {
        fromBeforeAll = sim;
    }

    @Test
    void injectsOneRunningSimulatorWithTheAnnotatedSettings(AccsSimulator sim) {
        assertSame(fromBeforeAll, sim);
        assertSame(fromConstructor, sim);
        assertTrue(sim.isRunning());
        assertEquals(7, sim.products().size());
        assertEquals(3, sim.orders().size());
        assertEquals(120, new SimClient(sim).clientCredentials().json().get("expires_in").asInt());
    }

    @Test
    void sameSimulatorInEveryTest(AccsSimulator sim) {
        assertSame(fromBeforeAll, sim);
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesGetTheirOwnSimulatorWithTheOuterSettings(AccsSimulator sim) {
            assertTrue(sim.isRunning());
            assertEquals(7, sim.products().size());
        }
    }
}
