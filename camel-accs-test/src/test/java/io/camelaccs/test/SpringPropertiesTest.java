package io.camelaccs.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spring helper registers every component setting under the names application.properties uses. */
class SpringPropertiesTest {

    @Test
    void registersTheComponentSettingsAndTheEventsUrls() {
        try (AccsSimulator sim = AccsSimulator.builder().products(1).build().start()) {
            Map<String, Supplier<Object>> registered = new LinkedHashMap<>();

            SpringProperties.register(sim, registered::put);

            Map<String, Object> values = new LinkedHashMap<>();
            registered.forEach((k, v) -> values.put(k, v.get()));
            Map<String, Object> expected = new LinkedHashMap<>();
            sim.componentProperties().forEach((k, v) -> expected.put("camel.component.accs."
                    + k.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT), v));
            expected.put("accs.simulator.journal-url", sim.journalUrl());
            expected.put("accs.simulator.public-key-base-url", sim.publicKeyBaseUrl());
            assertEquals(expected, values);
        }
    }
}
