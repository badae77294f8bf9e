package io.camelaccs.metrics;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where the component's meters go: Micrometer's {@code MeterRegistry} when the application has one (Spring Boot
 * actuator, camel-micrometer, a bean of the user's own), otherwise nowhere. The component keeps its counters for JMX
 * and health checks anyway; meters read those counters ({@link #counter}, {@link #gauge}) instead of counting a second
 * time. Only {@link #timer} records something the counters do not hold: each request's duration by method, resource
 * template and status.
 * <p>
 * A {@code Meters} is a scope: {@link #close()} removes from the registry the meters registered through it, so a
 * stopped consumer or component leaves no meter reading a dead object. No Micrometer type appears here, so the
 * component runs without Micrometer on the class path.
 */
public interface Meters extends AutoCloseable {

    /** No registry: nothing is registered, nothing is recorded. */
    Meters NONE = new Meters() {
        @Override
        public <T> void counter(String name, String description, Map<String, String> tags, T source,
                                ToDoubleFunction<T> count) {
        }

        @Override
        public <T> void gauge(String name, String description, String baseUnit, Map<String, String> tags, T source,
                              ToDoubleFunction<T> value) {
        }

        @Override
        public void timer(String name, String description, Map<String, String> tags, long nanos) {
        }

        @Override
        public Meters scope(Map<String, String> tags) {
            return this;
        }

        @Override
        public boolean isEnabled() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** A monotonic counter whose value is read from the source when the registry is scraped. */
    <T> void counter(String name, String description, Map<String, String> tags, T source, ToDoubleFunction<T> count);

    /** A value read from the source when the registry is scraped. */
    <T> void gauge(String name, String description, String baseUnit, Map<String, String> tags, T source,
                   ToDoubleFunction<T> value);

    /** Records one duration in the timer of this name and these tags. */
    void timer(String name, String description, Map<String, String> tags, long nanos);

    /** A scope of its own, whose meters carry these tags besides this scope's, and which closes on its own. */
    Meters scope(Map<String, String> tags);

    /** Whether meters go to a registry. */
    boolean isEnabled();

    /** Removes the meters registered through this scope. */
    @Override
    void close();
}
