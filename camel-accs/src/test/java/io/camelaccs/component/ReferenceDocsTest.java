package io.camelaccs.component;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md is generated from the component JSON the build generates, so the reference cannot drift from
 * the options: this test writes it when asked ({@code -Daccs.regenerateDocs=true}) and otherwise fails while the
 * committed copy is missing or differs.
 */
class ReferenceDocsTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final String REGENERATE = "run mvn -B -pl camel-accs -am verify -Dtest=ReferenceDocsTest "
                                             + "-Daccs.regenerateDocs=true -Dsurefire.failIfNoSpecifiedTests=false "
                                             + "and commit it";

    @Test
    void configurationReferenceMatchesTheComponentJson() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelaccs/component/accs.json")) {
            json = new ObjectMapper().readTree(in);
        }
        String fresh = render(json);
        if (Boolean.getBoolean("accs.regenerateDocs")) {
            Files.writeString(REFERENCE, fresh, StandardCharsets.UTF_8);
        }
        // a missing reference is a failure, not a file to write: written here it would be compared with itself
        assertTrue(Files.exists(REFERENCE), REFERENCE.toAbsolutePath().normalize() + " is missing: " + REGENERATE);
        assertEquals(fresh, Files.readString(REFERENCE, StandardCharsets.UTF_8),
                "docs/configuration.md is stale: " + REGENERATE);
    }

    static String render(JsonNode json) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Configuration reference\n\n");
        sb.append("<!-- Generated from accs.json by ReferenceDocsTest: do not edit by hand. -->\n\n");
        sb.append("Every option can be set on the component (shared by its endpoints: `camel.component.accs.<option>` in ")
                .append("Camel Main or Spring Boot properties, `client-id` or `clientId`) and on an endpoint URI ")
                .append("(`accs:get:/V1/products/{sku}?storeCode=default`), where it overrides the component's value. ")
                .append("Durations take milliseconds or Camel's duration syntax (`30s`, `5m`). Secrets are masked ")
                .append("wherever Camel shows options; give them as property placeholders, not in URIs.\n\n");
        sb.append("URI syntax: `").append(json.get("component").get("syntax").asText()).append("`\n\n");
        sb.append("## Path\n\n");
        table(sb, json.get("properties"), "path");
        sb.append("\n## Options\n\n");
        table(sb, json.get("properties"), null);
        sb.append("\n## Component-only options\n\n");
        JsonNode componentOnly = json.get("componentProperties").deepCopy();
        for (Iterator<String> it = json.get("properties").fieldNames(); it.hasNext();) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) componentOnly).remove(it.next());
        }
        table(sb, componentOnly, null);
        sb.append("\n## Message headers\n\n");
        sb.append("| Header | Description | Type |\n| --- | --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            sb.append("| `").append(h.getKey()).append("` | ").append(cell(h.getValue().path("description").asText()))
                    .append(" | `").append(simple(h.getValue().path("javaType").asText())).append("` |\n");
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, JsonNode options, String kindFilter) {
        sb.append("| Option | Group | Description | Default | Type |\n| --- | --- | --- | --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = options.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            boolean path = "path".equals(o.path("kind").asText());
            if (kindFilter != null ? !path : path) {
                continue;
            }
            sb.append("| `").append(e.getKey()).append('`').append(o.path("secret").asBoolean() ? " (secret)" : "")
                    .append(o.path("required").asBoolean() ? " (required)" : "")
                    .append(" | ").append(o.path("group").asText())
                    .append(" | ").append(cell(o.path("description").asText()))
                    .append(" | ").append(o.has("defaultValue") ? "`" + cell(o.get("defaultValue").asText()) + "`" : "")
                    .append(" | ").append(o.path("type").asText().equals("enum")
                            ? "enum: " + enums(o)
                            : "`" + simple(o.path("javaType").asText()) + "`")
                    .append(" |\n");
        }
    }

    private static String enums(JsonNode o) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode v : o.path("enum")) {
            sb.append(sb.length() == 0 ? "" : ", ").append('`').append(v.asText()).append('`');
        }
        return sb.toString();
    }

    private static String simple(String javaType) {
        return javaType.replaceAll("[a-z][a-z0-9_]*\\.", "").replace("|", "\\|");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
