package io.camelaccs.metrics;

import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Finds the application's Micrometer registry the way camel-micrometer does ({@code MicrometerUtils}): the bean named
 * {@code metricsRegistry}, else the only {@code CompositeMeterRegistry}, else the only {@code MeterRegistry}. Unlike
 * camel-micrometer it never creates one: without a registry the component has no meters, and costs nothing.
 */
public final class MeterLookup {

    /** The bean name camel-micrometer binds and looks up first. */
    public static final String REGISTRY_NAME = "metricsRegistry";

    private static final boolean MICROMETER_PRESENT = isPresent();

    private MeterLookup() {
    }

    /**
     * The meters of this context, tagged {@code camelContext} as camel-micrometer tags its own, or {@link Meters#NONE}
     * when Micrometer or a registry is missing.
     */
    public static Meters find(CamelContext context) {
        if (!MICROMETER_PRESENT) {
            return Meters.NONE;
        }
        return Found.find(context);
    }

    private static boolean isPresent() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, MeterLookup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Holds the Micrometer types, so that {@link MeterLookup} loads without them. */
    private static final class Found {

        static Meters find(CamelContext context) {
            Registry beans = context.getRegistry();
            MeterRegistry registry = beans.lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
            if (registry == null) {
                registry = single(beans.findByType(CompositeMeterRegistry.class));
            }
            if (registry == null) {
                registry = single(beans.findByType(MeterRegistry.class));
            }
            return registry == null ? Meters.NONE
                    : new MicrometerMeters(registry, Map.of("camelContext", context.getName()));
        }

        private static <R extends MeterRegistry> MeterRegistry single(Set<R> found) {
            return found != null && found.size() == 1 ? found.iterator().next() : null;
        }
    }
}
