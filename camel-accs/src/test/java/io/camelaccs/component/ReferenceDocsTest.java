package io.camelaccs.component;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md is generated from the component JSON the build generates, so the reference cannot drift from
 * the options: this test writes it when asked ({@code -Daccs.regenerateDocs=true}) and otherwise fails while the
 * committed copy is missing or differs.
 */
class ReferenceDocsTest {

    private static final Pattern DIRECTION = Pattern.compile("((?:Read|Written)[^.]*)\\. (.*)", Pattern.DOTALL);
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");
    private static final Path EVENTS_REFERENCE = Path.of("..", "docs", "events-configuration.md");

    private static final String ACCS_INTRO = "The tenant, credential, HTTP and retry options can be set on the component"
                                             + " (shared by its endpoints: `camel.component.accs.<option>` in Camel Main or"
                                             + " Spring Boot properties, `client-id` or `clientId`) and on an endpoint URI"
                                             + " (`accs:get:/V1/products/{sku}?storeCode=default`), where they override the"
                                             + " component's value. The options that describe one operation or one consumer"
                                             + " (search, paging, consumer, mode, output) are endpoint options only: set on"
                                             + " the component, they fail start-up with the option named. Durations take"
                                             + " milliseconds or Camel's duration syntax (`30s`, `5m`). Secrets are masked"
                                             + " wherever Camel shows options; give them as property placeholders, not in"
                                             + " URIs.";
    private static final String EVENTS_INTRO = "The options of the `accs-events:` component (see [Commerce events](events.md))."
                                               + " The shared options can be set on the component"
                                               + " (`camel.component.accs-events.<option>`) and on an endpoint URI, where they"
                                               + " override the component's value; endpoint options only on a URI. The IMS"
                                               + " and HTTP options left unset are taken from the `accs` component"
                                               + " ([its reference](configuration.md)); the scopes default to the accs scopes"
                                               + " plus `adobeio_api`. Durations take milliseconds or Camel's duration syntax"
                                               + " (`30s`, `5m`).";
    private static final Path WEBHOOK_REFERENCE = Path.of("..", "docs", "webhooks-configuration.md");
    private static final String WEBHOOK_INTRO = "The options of the `accs-webhook:` component (see [Commerce webhooks](webhooks.md))."
                                                + " They can be set on the component"
                                                + " (`camel.component.accs-webhook.<option>`), as every endpoint's default,"
                                                + " and on an endpoint URI, where they override the component's value."
                                                + " Durations take milliseconds or Camel's duration syntax (`2s`).";
    private static final String REGENERATE = "run mvn -B -pl camel-accs -am verify -Dtest=ReferenceDocsTest "
                                             + "-Daccs.regenerateDocs=true -Dsurefire.failIfNoSpecifiedTests=false "
                                             + "and commit it";

    @Test
    void configurationReferenceMatchesTheComponentJson() throws Exception {
        checkReference("/META-INF/io/camelaccs/component/accs.json", REFERENCE, "Configuration reference", ACCS_INTRO);
    }

    @Test
    void eventsReferenceMatchesTheComponentJson() throws Exception {
        checkReference("/META-INF/io/camelaccs/events/accs-events.json", EVENTS_REFERENCE,
                "Configuration reference: accs-events", EVENTS_INTRO);
    }

    @Test
    void webhookReferenceMatchesTheComponentJson() throws Exception {
        checkReference("/META-INF/io/camelaccs/webhook/accs-webhook.json", WEBHOOK_REFERENCE,
                "Configuration reference: accs-webhook", WEBHOOK_INTRO);
    }

    private void checkReference(String resource, Path reference, String title, String intro) throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            json = new ObjectMapper().readTree(in);
        }
        String fresh = render(json, title, intro);
        if (Boolean.getBoolean("accs.regenerateDocs")) {
            Files.writeString(reference, fresh, StandardCharsets.UTF_8);
        }
        // a missing reference is a failure, not a file to write: written here it would be compared with itself
        assertTrue(Files.exists(reference), reference.toAbsolutePath().normalize() + " is missing: " + REGENERATE);
        assertEquals(fresh, Files.readString(reference, StandardCharsets.UTF_8),
                "docs/" + reference.getFileName() + " is stale: " + REGENERATE);
    }

    static String render(JsonNode json) {
        return render(json, "Configuration reference", ACCS_INTRO);
    }

    static String render(JsonNode json, String title, String intro) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        sb.append("<!-- Generated from ").append(json.get("component").get("scheme").asText())
                .append(".json by ReferenceDocsTest: do not edit by hand. -->\n\n");
        sb.append(intro).append("\n\n");
        sb.append("URI syntax: `").append(json.get("component").get("syntax").asText()).append("`\n\n");
        sb.append("## Path\n\n");
        table(sb, json.get("properties"), "path");
        // an option in both lists is shared; one only in properties describes one endpoint
        ObjectNode shared = new ObjectMapper().createObjectNode();
        ObjectNode endpointOnly = new ObjectMapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            (json.get("componentProperties").has(e.getKey()) ? shared : endpointOnly).set(e.getKey(), e.getValue());
        }
        sb.append("\n## Component and endpoint options\n\n");
        table(sb, shared, null);
        sb.append("\n## Endpoint-only options\n\n");
        table(sb, endpointOnly, null);
        sb.append("\n## Component-only options\n\n");
        JsonNode componentOnly = json.get("componentProperties").deepCopy();
        for (Iterator<String> it = json.get("properties").fieldNames(); it.hasNext();) {
            ((ObjectNode) componentOnly).remove(it.next());
        }
        table(sb, componentOnly, null);
        sb.append("\n## Message headers\n\n");
        sb.append("| Header | Direction | Description | Type |\n| --- | --- | --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            String description = h.getValue().path("description").asText();
            // the headers class starts each description with its direction: "Read by the producer. ..."
            Matcher direction = DIRECTION.matcher(description);
            boolean directed = direction.matches();
            sb.append("| `").append(h.getKey()).append("` | ").append(directed ? cell(direction.group(1)) : "")
                    .append(" | ").append(cell(directed ? direction.group(2) : description))
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
