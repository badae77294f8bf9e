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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The starter's properties are the component's options: accs.json (in the camel-accs jar) and
 * AccsComponentConfiguration, and the Spring configuration metadata built from it, never drift apart.
 */
class ConfigurationParityTest {

    private static final String REGENERATE = "accs.json and the starter differ; regenerate the starter's sources:\n"
                                             + "  mvn -pl camel-accs-spring-boot-starter -am test -Dtest=ConfigurationParityTest#regenerate"
                                             + " -Daccs.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false\n";

    private final JsonNode options = StarterSourceGenerator.componentProperties();

    private Map<String, Field> fields() {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : AccsComponentConfiguration.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getName().equals("enabled")) {
                fields.put(f.getName(), f);
            }
        }
        return fields;
    }

    private List<String> optionNames() {
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyComponentOptionIsAPropertyAndNothingElse() {
        TreeSet<String> missing = new TreeSet<>(optionNames());
        missing.removeAll(fields().keySet());
        TreeSet<String> extra = new TreeSet<>(fields().keySet());
        extra.removeAll(optionNames());
        assertTrue(missing.isEmpty() && extra.isEmpty(),
                REGENERATE + "options without a property: " + missing + "; properties without an option: " + extra);
        assertTrue(optionNames().size() > 40, "accs.json read: " + optionNames().size() + " options");
    }

    @Test
    void propertiesHaveTheOptionsTypesAndAccessors() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Field> e : fields().entrySet()) {
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
            AccsComponentConfiguration.class.getMethod("get" + cap);
            AccsComponentConfiguration.class.getMethod("set" + cap, type);
        }
        assertTrue(wrong.isEmpty(), REGENERATE + String.join("\n", wrong));
    }

    @Test
    void metadataDescribesEveryOptionWithItsDescriptionDefaultAndSecrecy() throws Exception {
        Map<String, JsonNode> metadata = metadataProperties();
        List<String> wrong = new ArrayList<>();
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode option = options.get(name);
            String key = StarterSourceGenerator.PREFIX + StarterSourceGenerator.kebab(name);
            JsonNode property = metadata.get(key);
            if (property == null) {
                wrong.add(key + ": not in the metadata");
                continue;
            }
            String expected = normalize(option.get("description").asText()
                                        + StarterSourceGenerator.descriptionNote(name, option));
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
        Map<String, JsonNode> metadata = metadataProperties();
        for (String secret : List.of("client-secret", "access-token", "refresh-token")) {
            JsonNode property = metadata.get(StarterSourceGenerator.PREFIX + secret);
            assertNotNull(property, secret);
            assertTrue(property.path("description").asText().contains("This option is a secret"), secret);
        }
        assertTrue(metadata.get(StarterSourceGenerator.PREFIX + "client-secret").path("description").asText()
                .contains("CAMEL_COMPONENT_ACCS_CLIENTSECRET"));
        JsonNode imsUrl = metadata.get(StarterSourceGenerator.PREFIX + "ims-url");
        assertEquals("https://ims-na1.adobelogin.com", imsUrl.path("defaultValue").asText());
    }

    /** The camel.component.accs.* entries of every spring-configuration-metadata.json on the class path. */
    private static Map<String, JsonNode> metadataProperties() throws Exception {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Enumeration<URL> urls = ConfigurationParityTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        for (URL url : Collections.list(urls)) {
            try (InputStream in = url.openStream()) {
                for (JsonNode p : new ObjectMapper().readTree(in).path("properties")) {
                    if (p.path("name").asText().startsWith(StarterSourceGenerator.PREFIX)) {
                        properties.put(p.get("name").asText(), p);
                    }
                }
            }
        }
        if (properties.isEmpty()) {
            fail("no camel.component.accs.* in META-INF/spring-configuration-metadata.json: did the"
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
