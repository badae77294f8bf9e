package io.camelaccs.test;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Hands a simulator's settings to a Spring Boot test, without the test kit depending on Spring:
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void accsSettings(DynamicPropertyRegistry registry) {
 *     SpringProperties.register(SIMULATOR, registry::add);
 * }
 * </pre>
 *
 * registers {@code camel.component.accs.base-url}, {@code ims-url}, {@code client-id}, {@code client-secret} and
 * {@code org-id} (as {@code application.properties} names them; they take precedence over the file), and
 * {@code accs.simulator.journal-url} and {@code accs.simulator.public-key-base-url} for the routes of
 * {@code accs-events:} to name as placeholders.
 */
public final class SpringProperties {

    /** The property holding {@link AccsSimulator#journalUrl()}. */
    public static final String JOURNAL_URL = "accs.simulator.journal-url";
    /** The property holding {@link AccsSimulator#publicKeyBaseUrl()}. */
    public static final String PUBLIC_KEY_BASE_URL = "accs.simulator.public-key-base-url";

    private SpringProperties() {
    }

    /**
     * Registers the simulator's settings.
     *
     * @param registry {@code DynamicPropertyRegistry::add} (any adder of a name and a value supplier)
     */
    public static void register(AccsSimulator sim, BiConsumer<String, Supplier<Object>> registry) {
        registry.accept("camel.component.accs.base-url", sim::baseUrl);
        registry.accept("camel.component.accs.ims-url", sim::imsUrl);
        registry.accept("camel.component.accs.client-id", sim::clientId);
        registry.accept("camel.component.accs.client-secret", sim::clientSecret);
        registry.accept("camel.component.accs.org-id", sim::orgId);
        registry.accept(JOURNAL_URL, sim::journalUrl);
        registry.accept(PUBLIC_KEY_BASE_URL, sim::publicKeyBaseUrl);
    }
}
