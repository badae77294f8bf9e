package io.camelaccs.component;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.spi.UriParam;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static List<String> uriParams(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (f.isAnnotationPresent(UriParam.class)) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /**
     * The IMS and HTTP options accs: and accs-events: have in common are declared once (ConnectionOptions), so the two
     * catalogs describe each the same way: a copy in either class would drift.
     */
    @Test
    void sharedConnectionOptionsAreDeclaredOnceAndDescribedAlike() throws Exception {
        JsonNode events;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelaccs/events/accs-events.json")) {
            events = new ObjectMapper().readTree(in).get("properties");
        }
        List<String> shared = uriParams(ConnectionOptions.class);
        assertTrue(shared.containsAll(List.of("authenticationType", "clientId", "clientSecret", "orgId", "imsUrl",
                "accessToken", "tokenTimeout", "connectTimeout", "readTimeout")), shared::toString);
        for (String name : shared) {
            assertFalse(uriParams(AccsConfiguration.class).contains(name), name + " is declared again in AccsConfiguration");
            assertFalse(uriParams(io.camelaccs.events.AccsEventsConfiguration.class).contains(name),
                    name + " is declared again in AccsEventsConfiguration");
            JsonNode accs = json().get("properties").get(name);
            JsonNode event = events.get(name);
            assertNotNull(event, name + " is an accs-events option");
            for (String attribute : List.of("description", "defaultValue", "secret", "type", "label")) {
                assertEquals(accs.path(attribute), event.path(attribute), name + "'s " + attribute);
            }
        }
    }

    @Test
    void everyOptionIsDescribedInTheComponentJson() throws Exception {
        JsonNode properties = json().get("properties");
        JsonNode componentProperties = json().get("componentProperties");
        for (String name : uriParams(AccsConfiguration.class)) {
            JsonNode option = properties.get(name);
            assertNotNull(option, () -> "option " + name + " is missing from accs.json: the generated metadata is "
                                        + "stale; rebuild after deleting camel-accs/target and commit src/generated");
            assertFalse(option.path("description").asText().isBlank(), "option " + name + " has a description");
            assertNotNull(componentProperties.get(name), "option " + name + " is a component option too");
        }
        for (String name : uriParams(AccsEndpointConfiguration.class)) {
            JsonNode option = properties.get(name);
            assertNotNull(option, () -> "endpoint option " + name + " is missing from accs.json: regenerate");
            assertFalse(option.path("description").asText().isBlank(), "option " + name + " has a description");
            assertNull(componentProperties.get(name), "option " + name + " is an endpoint option only");
        }
    }

    @Test
    void perOperationOptionsAreEndpointOptionsOnly() throws Exception {
        JsonNode properties = json().get("properties");
        JsonNode componentProperties = json().get("componentProperties");
        for (String name : List.of("filter", "fetchAll", "syncId", "incrementalField", "outputClass", "mode", "pageSize",
                "stateRepository", "validateOperation")) {
            assertNotNull(properties.get(name), name + " is an endpoint option");
            assertNull(componentProperties.get(name), name + " is not a component option");
        }
        // what describes the tenant, the credentials, the transport and the retries stays on both levels
        for (String name : List.of("baseUrl", "clientId", "clientSecret", "imsUrl", "readTimeout", "maxRetries",
                "requestHeaders", "headerFilterStrategy")) {
            assertNotNull(properties.get(name), name + " is an endpoint option");
            assertNotNull(componentProperties.get(name), name + " is a component option");
        }
        assertEquals(Set.copyOf(uriParams(AccsEndpointConfiguration.class)), AccsEndpointConfiguration.endpointOnlyOptions());
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
        AccsComponentConfigurer componentConfigurer = new AccsComponentConfigurer();
        for (String name : uriParams(AccsConfiguration.class)) {
            assertNotNull(configurer.getOptionType(name, false),
                    "the generated configurer binds " + name + ": regenerate src/generated");
            assertNotNull(componentConfigurer.getOptionType(name, false),
                    "the generated component configurer binds " + name + ": regenerate src/generated");
        }
        for (String name : uriParams(AccsEndpointConfiguration.class)) {
            assertNotNull(configurer.getOptionType(name, false),
                    "the generated configurer binds " + name + ": regenerate src/generated");
            assertNull(componentConfigurer.getOptionType(name, false),
                    "the component configurer does not know endpoint option " + name + ": regenerate src/generated");
        }
        assertEquals("accs", json().get("component").get("scheme").asText());
    }
}
