package io.camelaccs.component.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes {@code AccsComponentConfiguration.java} and {@code additional-spring-configuration-metadata.json} from the
 * component's generated {@code accs.json}, the way camel-spring-boot's generator writes its component starters. Run it
 * whenever the component's options change (the parity test says so):
 *
 * <pre>
 * mvn -pl camel-accs-spring-boot-starter -am test -Dtest=ConfigurationParityTest#regenerate \
 *     -Daccs.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * or, without a build of the starter, {@code main} with the starter's folder as its argument and Jackson and the
 * camel-accs classes on the class path.
 */
public final class StarterSourceGenerator {

    /**
     * One component of the jar the starter configures: its generated JSON, its scheme and the configuration class
     * written for it.
     */
    record Target(String json, String scheme, String className) {

        /** The Spring Boot property prefix, with its trailing dot. */
        String prefix() {
            return "camel.component." + scheme + ".";
        }
    }

    static final Target ACCS = new Target("META-INF/io/camelaccs/component/accs.json", "accs", "AccsComponentConfiguration");
    static final Target EVENTS = new Target("META-INF/io/camelaccs/events/accs-events.json", "accs-events",
            "AccsEventsComponentConfiguration");
    static final Target WEBHOOK = new Target("META-INF/io/camelaccs/webhook/accs-webhook.json", "accs-webhook",
            "AccsWebhookComponentConfiguration");
    static final List<Target> TARGETS = List.of(ACCS, EVENTS, WEBHOOK);

    static final String ACCS_JSON = ACCS.json();
    static final String PREFIX = ACCS.prefix();
    static final String PACKAGE = "io.camelaccs.component.springboot";

    /** What the metadata adds to an option's description: how to give a secret, or an object. */
    static String descriptionNote(String name, JsonNode option) {
        return descriptionNote(ACCS, name, option);
    }

    static String descriptionNote(Target target, String name, JsonNode option) {
        if (option.path("secret").asBoolean()) {
            return secretNote(target, name);
        }
        if ("object".equals(option.path("type").asText())) {
            return " Give a bean reference: #bean:name.";
        }
        return "";
    }

    /** What the metadata adds to the description of a secret option. */
    static String secretNote(Target target, String name) {
        return " This option is a secret: keep it out of source control (give it as the environment variable "
               + envName(target, name) + ", from a vault, or through a placeholder); Camel never logs it.";
    }

    /** The environment variable Spring Boot binds to the option's property. */
    static String envName(Target target, String name) {
        return (target.prefix() + name).replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)");

    private StarterSourceGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        write(module);
    }

    /** Regenerates the configuration class of each component and the shared metadata inside the starter module. */
    static void write(Path module) throws IOException {
        for (Target target : TARGETS) {
            Path java = module.resolve("src/main/java/" + PACKAGE.replace('.', '/') + "/" + target.className() + ".java");
            Files.writeString(java, configurationSource(target, componentProperties(target)), StandardCharsets.UTF_8);
        }
        Path meta = module.resolve("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
        Files.writeString(meta, additionalMetadata(), StandardCharsets.UTF_8);
    }

    /** The componentProperties of accs.json, read from the camel-accs jar on the class path. */
    static JsonNode componentProperties() {
        return componentProperties(ACCS);
    }

    /** The componentProperties of a component's JSON, read from the camel-accs jar on the class path. */
    static JsonNode componentProperties(Target target) {
        try (InputStream in = StarterSourceGenerator.class.getClassLoader().getResourceAsStream(target.json())) {
            if (in == null) {
                throw new IllegalStateException(target.json() + " is not on the class path: is camel-accs?");
            }
            return new ObjectMapper().readTree(in).get("componentProperties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java type a Spring Boot property of this option has. */
    static String javaType(JsonNode option) {
        String type = option.get("type").asText();
        String javaType = option.get("javaType").asText();
        if ("duration".equals(type)) {
            // Spring binds 30s, 5m, PT30S and plain milliseconds alike; the component's configurer takes a Duration
            return "java.time.Duration";
        }
        return switch (javaType) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "double" -> "java.lang.Double";
            case "float" -> "java.lang.Float";
            case "java.lang.Class<java.lang.Object>" -> "java.lang.Class<?>";
            default -> javaType;
        };
    }

    /** camelCase to the kebab-case name Spring Boot documents. */
    static String kebab(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String configurationSource(Target target, JsonNode options) {
        TreeSet<String> imports = new TreeSet<>();
        imports.add("org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon");
        imports.add("org.springframework.boot.context.properties.ConfigurationProperties");
        Map<String, String> types = new LinkedHashMap<>();
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String name = it.next();
            types.put(name, simplify(javaType(options.get(name)), imports));
        }

        StringBuilder src = new StringBuilder();
        src.append("package ").append(PACKAGE).append(";\n\n");
        for (String imp : imports) {
            src.append("import ").append(imp).append(";\n");
        }
        src.append("\n/**\n");
        String scheme = target.scheme();
        String prefix = "camel.component." + scheme;
        src.append(" * Every option of the " + scheme + ": component, bound from {@code " + prefix + ".*} (relaxed binding:"
                   + " client-id,\n");
        src.append(" * clientId and " + envName(target, "clientId") + " all work). Only the options that are set reach the"
                   + " component: its\n");
        src.append(" * own defaults, listed in the configuration metadata, apply to the rest.\n");
        src.append(" * <p>\n");
        src.append(" * Generated from " + scheme + ".json by StarterSourceGenerator (test sources) - do not edit by hand.\n");
        src.append(" */\n");
        src.append("@ConfigurationProperties(prefix = \"" + prefix + "\")\n");
        src.append("public class " + target.className() + " extends ComponentConfigurationPropertiesCommon {\n\n");
        src.append("    /**\n");
        src.append("     * Whether to enable auto configuration of the " + scheme + " component. This is enabled by default.\n");
        src.append("     */\n");
        src.append("    private Boolean enabled;\n");
        for (Map.Entry<String, String> e : types.entrySet()) {
            JsonNode option = options.get(e.getKey());
            src.append("    /**\n");
            for (String line : wrap(javadocText(option), 112)) {
                src.append("     * ").append(line).append('\n');
            }
            src.append("     */\n");
            src.append("    private ").append(e.getValue()).append(' ').append(e.getKey()).append(";\n");
        }
        for (Map.Entry<String, String> e : types.entrySet()) {
            String name = e.getKey();
            String type = e.getValue();
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            src.append("\n    public ").append(type).append(" get").append(cap).append("() {\n");
            src.append("        return ").append(name).append(";\n    }\n\n");
            src.append("    public void set").append(cap).append('(').append(type).append(' ').append(name).append(") {\n");
            src.append("        this.").append(name).append(" = ").append(name).append(";\n    }\n");
        }
        src.append("}\n");
        return src.toString();
    }

    private static String javadocText(JsonNode option) {
        String text = option.get("description").asText().replace("*/", "*&#47;").replace("{@", "{&#64;");
        if (text.startsWith("@")) {
            text = "&#64;" + text.substring(1);
        }
        return text;
    }

    private static String simplify(String type, TreeSet<String> imports) {
        Matcher m = QUALIFIED.matcher(type);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String fqn = m.group();
            if (!fqn.startsWith("java.lang.") || fqn.indexOf('.', "java.lang.".length()) >= 0) {
                imports.add(fqn);
            }
            m.appendReplacement(sb, m.group(1));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Defaults (the fields carry none, so that unset options keep the component's own), secret markers, enum hints.
     */
    static String additionalMetadata() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (Target target : TARGETS) {
            addMetadata(target, componentProperties(target), properties, hints);
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addMetadata(Target target, JsonNode options, ArrayNode properties, ArrayNode hints) {
        String prefix = target.prefix();
        String scheme = target.scheme();
        // the switches of ComponentConfigurationPropertiesCommon
        properties.addObject().put("name", prefix + "enabled").put("type", "java.lang.Boolean")
                .put("description", "Whether to enable auto configuration of the " + scheme + " component. This is"
                                    + " enabled by default.")
                .put("defaultValue", true);
        properties.addObject().put("name", prefix + "customizer.enabled").put("type", "java.lang.Boolean")
                .put("description", "Whether the " + prefix + "* properties are applied to the " + scheme
                                    + " component (by the starter's component customizer). This is enabled by default.")
                .put("defaultValue", true);
        for (Iterator<String> it = options.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode option = options.get(name);
            ObjectNode property = properties.addObject();
            property.put("name", prefix + kebab(name));
            property.put("type", javaType(option));
            String note = descriptionNote(target, name, option);
            if (!note.isEmpty()) {
                property.put("description", option.get("description").asText() + note);
            }
            if (option.has("defaultValue")) {
                putDefault(property, option);
            }
            if (option.path("deprecated").asBoolean()) {
                property.putObject("deprecation").put("level", "warning");
            }
            if (option.has("enum") && "java.lang.String".equals(option.get("javaType").asText())) {
                ObjectNode hint = hints.addObject();
                hint.put("name", prefix + kebab(name));
                ArrayNode values = hint.putArray("values");
                for (JsonNode value : option.get("enum")) {
                    values.addObject().put("value", value.asText());
                }
            }
        }
    }

    private static void putDefault(ObjectNode property, JsonNode option) {
        String value = option.get("defaultValue").asText();
        switch (option.get("type").asText()) {
            case "boolean" -> property.put("defaultValue", Boolean.parseBoolean(value));
            case "integer" -> property.put("defaultValue", Long.parseLong(value));
            case "duration" -> property.put("defaultValue", duration(value));
            default -> property.put("defaultValue", value);
        }
    }

    /** Milliseconds as Spring Boot writes a Duration: 300000 is 5m, 30000 is 30s, 500 is 500ms. */
    static String duration(String millis) {
        long ms = Long.parseLong(millis);
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
