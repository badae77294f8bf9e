package io.camelaccs.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts an {@link AccsSimulator} for a test class and injects it into test constructors, test methods and lifecycle
 * methods that declare a parameter of that type:
 *
 * <pre>
 * &#64;AccsSimulatorTest(products = 500)
 * class StockSyncTest {
 *     &#64;Test
 *     void syncs(AccsSimulator sim) {
 *         ...
 *     }
 * }
 * </pre>
 *
 * The simulator is closed when the class (or, with {@link Lifecycle#PER_METHOD}, each test) is done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AccsSimulatorExtension.class)
public @interface AccsSimulatorTest {

    /** Whether the tests of a class share one simulator or each test gets a fresh one. */
    enum Lifecycle {
        PER_CLASS, PER_METHOD
    }

    /** How many products to seed. */
    int products() default 100;

    /** How many orders to seed. */
    int orders() default 20;

    /** The access token lifetime in seconds. */
    long tokenLifetimeSeconds() default 86_399;

    /** The seed of the generated data. */
    long seed() default 42;

    /** Whether a page past the last one returns the last page again. */
    boolean lastPageQuirk() default false;

    /** Whether the simulator runs as an Adobe Commerce PaaS shop ({@link AccsSimulator.Builder#paas()}). */
    boolean paas() default false;

    /** One simulator per class (default) or per test method. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;
}
