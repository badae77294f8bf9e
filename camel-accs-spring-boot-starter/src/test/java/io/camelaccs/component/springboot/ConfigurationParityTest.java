package io.camelaccs.component.springboot;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The starter's properties are the components' options: accs.json and accs-events.json (in the camel-accs jar), the
 * configuration classes and the Spring configuration metadata built from them never drift apart.
 */
class ConfigurationParityTest {

    private static final String REGENERATE = "accs.json and the starter differ; regenerate the starter's sources:\n"
                                             + "  mvn -pl camel-accs-spring-boot-starter -am test -Dtest=ConfigurationParityTest#regenerate"
                                             + " -Daccs.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false\n";

    /** Each component of the jar, with the configuration class the starter has for it. */
    static Stream<Arguments> components() {
        return Stream.of(Arguments.of(StarterSourceGenerator.ACCS, AccsComponentConfiguration.class),
                Arguments.of(StarterSourceGenerator.EVENTS, AccsEventsComponentConfiguration.class),
                Arguments.of(StarterSourceGenerator.WEBHOOK, AccsWebhookComponentConfiguration.class));
    }

    private static Map<String, Field> fields(Class<?> configuration) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : configuration.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("enabled")) {
                fields.put(f.getName(), f);
            }
        }
        return fields;
    }

    private static List<String> optionNames(JsonNode options) {
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @MethodSource("components")
    void everyComponentOptionIsAPropertyAndNothingElse(StarterSourceGenerator.Target target, Class<?> configuration) {
        JsonNode options = StarterSourceGenerator.componentProperties(target);
        TreeSet<String> missing = new TreeSet<>(optionNames(options));
        missing.removeAll(fields(configuration).keySet());
        TreeSet<String> extra = new TreeSet<>(fields(configuration).keySet());
        extra.removeAll(optionNames(options));
        assertTrue(missing.isEmpty() && extra.isEmpty(),
                REGENERATE + "options without a property: " + missing + "; properties without an option: " + extra);
        // read, not empty: the smallest component, accs-webhook, has 13 options
        assertTrue(optionNames(options).size() > 10, target.json() + " read: " + optionNames(options).size() + " options");
    }

    @ParameterizedTest
    @MethodSource("components")
    void propertiesHaveTheOptionsTypesAndAccessors(StarterSourceGenerator.Target target, Class<?> configuration)
            throws Exception {
        JsonNode options = StarterSourceGenerator.componentProperties(target);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Field> e : fields(configuration).entrySet()) {
            JsonNode option = options.get(e.getKey());
            if (option == null) {
                continue;
            }
            String expected = StarterSourceGenerator.javaType(option);
            String actual = e.getValue().getGenericType().getTypeName();
            if (!expected.equals(actual)) {
                wrong.add(e.getKey() + ": " + actual + " but the option is " + expected);
            }
            String cap = Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            Class<?> type = e.getValue().getType();
            configuration.getMethod("get" + cap);
            configuration.getMethod("set" + cap, type);
        }
        assertTrue(wrong.isEmpty(), REGENERATE + String.join("\n", wrong));
    }

    @ParameterizedTest
    @MethodSource("components")
    void metadataDescribesEveryOptionWithItsDescriptionDefaultAndSecrecy(StarterSourceGenerator.Target target,
            Class<?> configuration) throws Exception {
        JsonNode options = StarterSourceGenerator.componentProperties(target);
        Map<String, JsonNode> metadata = metadataProperties(target.prefix());
        List<String> wrong = new ArrayList<>();
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode option = options.get(name);
            String key = target.prefix() + StarterSourceGenerator.kebab(name);
            JsonNode property = metadata.get(key);
            if (property == null) {
                wrong.add(key + ": not in the metadata");
                continue;
            }
            String expected = normalize(option.get("description").asText()
                                        + StarterSourceGenerator.descriptionNote(target, name, option));
            String actual = normalize(property.path("description").asText());
            if (!expected.equals(actual)) {
                wrong.add(key + ": description\n   " + actual + "\n  is not\n   " + expected);
            }
            if (option.has("defaultValue")) {
                String expectedDefault = "duration".equals(option.get("type").asText())
                        ? StarterSourceGenerator.duration(option.get("defaultValue").asText())
                        : option.get("defaultValue").asText();
                if (!expectedDefault.equals(property.path("defaultValue").asText())) {
                    wrong.add(key + ": default " + property.path("defaultValue") + " is not " + expectedDefault);
                }
            } else if (property.has("defaultValue")) {
                wrong.add(key + ": default " + property.get("defaultValue") + " but the option has none");
            }
        }
        assertTrue(wrong.isEmpty(), REGENERATE + String.join("\n", wrong));
    }

    @Test
    void secretsAreMarkedInTheMetadata() throws Exception {
        Map<String, JsonNode> metadata = metadataProperties(StarterSourceGenerator.PREFIX);
        for (String secret : List.of("client-secret", "access-token", "refresh-token")) {
            JsonNode property = metadata.get(StarterSourceGenerator.PREFIX + secret);
            assertNotNull(property, secret);
            assertTrue(property.path("description").asText().contains("This option is a secret"), secret);
        }
        assertTrue(metadata.get(StarterSourceGenerator.PREFIX + "client-secret").path("description").asText()
                .contains("CAMEL_COMPONENT_ACCS_CLIENTSECRET"));
        JsonNode imsUrl = metadata.get(StarterSourceGenerator.PREFIX + "ims-url");
        assertEquals("https://ims-na1.adobelogin.com", imsUrl.path("defaultValue").asText());
        Map<String, JsonNode> events = metadataProperties(StarterSourceGenerator.EVENTS.prefix());
        assertTrue(events.get("camel.component.accs-events.client-secret").path("description").asText()
                .contains("CAMEL_COMPONENT_ACCSEVENTS_CLIENTSECRET"));
        assertEquals("https://static.adobeioevents.com",
                events.get("camel.component.accs-events.public-key-base-url").path("defaultValue").asText());
    }

    @Test
    void endpointOptionsAreNoProperties() throws Exception {
        Map<String, JsonNode> metadata = metadataProperties(StarterSourceGenerator.PREFIX);
        for (String option : io.camelaccs.component.AccsEndpointConfiguration.endpointOnlyOptions()) {
            String key = StarterSourceGenerator.PREFIX + EndpointOptionsOnComponentCheck.kebab(option);
            assertFalse(metadata.containsKey(key), key + " is an endpoint option, not a property");
        }
        assertFalse(metadata.containsKey("camel.component.accs.filter"));
        assertTrue(metadata.containsKey("camel.component.accs.client-id"));
    }

    /** The entries under a prefix of every spring-configuration-metadata.json on the class path. */
    private static Map<String, JsonNode> metadataProperties(String prefix) throws Exception {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Enumeration<URL> urls = ConfigurationParityTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        for (URL url : Collections.list(urls)) {
            try (InputStream in = url.openStream()) {
                for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
                    if (p.path("name").asText().startsWith(prefix)) {
                        properties.put(p.get("name").asText(), p);
                    }
                }
            }
        }
        if (properties.isEmpty()) {
            fail("no " + prefix + "* in META-INF/spring-configuration-metadata.json: did the"
                 + " spring-boot-configuration-processor run?");
        }
        return properties;
    }

    private static String normalize(String text) {
        return text.replace("&#47;", "/").replace("&#64;", "@").replaceAll("\\s+", " ").trim();
    }

    /** Not a check: rewrites the starter's generated sources from accs.json, when asked to. */
    @Test
    @EnabledIfSystemProperty(named = "accs.regenerate", matches = "true")
    void regenerate() throws Exception {
        StarterSourceGenerator.write(Path.of("").toAbsolutePath());
    }
}
