package io.camelaccs.component;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component JSON and configurers are generated at build time and committed; a stale copy would compile into a
 * jar whose configurer does not know newer options (they would then pass through to Commerce as query parameters).
 */
class ComponentMetadataTest {

    private static JsonNode json() throws Exception {
        try (InputStream in = ComponentMetadataTest.class.getResourceAsStream("/META-INF/io/camelaccs/component/accs.json")) {
            assertNotNull(in, "accs.json is on the classpath");
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyOptionIsDescribedInTheComponentJson() throws Exception {
        JsonNode properties = json().get("properties");
        JsonNode componentProperties = json().get("componentProperties");
        for (Field f : AccsConfiguration.class.getDeclaredFields()) {
            if (!f.isAnnotationPresent(UriParam.class)) {
                continue;
            }
            JsonNode option = properties.get(f.getName());
            assertNotNull(option, () -> "option " + f.getName() + " is missing from accs.json: the generated metadata is "
                                        + "stale; rebuild after deleting camel-accs/target and commit src/generated");
            assertFalse(option.path("description").asText().isBlank(), "option " + f.getName() + " has a description");
            assertNotNull(componentProperties.get(f.getName()), "option " + f.getName() + " is a component option too");
        }
    }

    @Test
    void secretsAreFlagged() throws Exception {
        JsonNode properties = json().get("properties");
        for (String secret : Set.of("clientSecret", "accessToken", "refreshToken")) {
            assertTrue(properties.get(secret).path("secret").asBoolean(), secret + " is secret");
        }
        assertTrue(json().get("headers").get(AccsConstants.ACCESS_TOKEN).path("secret").asBoolean());
    }

    @Test
    void configurerBindsEveryOption() throws Exception {
        AccsEndpointConfigurer configurer = new AccsEndpointConfigurer();
        for (Field f : AccsConfiguration.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(UriParam.class)) {
                assertNotNull(configurer.getOptionType(f.getName(), false),
                        "the generated configurer binds " + f.getName() + ": regenerate src/generated");
            }
        }
        assertEquals("accs", json().get("component").get("scheme").asText());
    }
}
