package io.camelaccs.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Generates the bundled operation catalog from Adobe's ACCS schema (Swagger 2.0). Only structural facts are kept:
 * method, path, operation id, parameter names, whether it is a search, whether it takes a body. Run
 * {@code mvn -pl camel-accs verify -Dtest=OperationCatalogTest -Daccs.regenerateCatalog=true} after replacing the
 * schema.
 */
final class OperationCatalogGenerator {

    static final Path SCHEMA = Path.of("src/schema/accs-schema.yaml");
    static final Path OUTPUT = Path.of("src/main/resources" + OperationCatalog.RESOURCE);
    /** Adobe's "Commerce Admin REST endpoints - All inclusive" 2.4.8, Apache-2.0 like the ACCS one. */
    static final Path PAAS_SCHEMA = Path.of("src/schema/paas-admin-schema-2.4.8.yaml");
    static final Path PAAS_OUTPUT = Path.of("src/main/resources" + OperationCatalog.PAAS_RESOURCE);

    static final String PAAS_SOURCE = "paas-admin-schema-2.4.8.yaml (Adobe, Apache-2.0)";

    private OperationCatalogGenerator() {
    }

    static String generate(Path schema) throws IOException {
        return generate(schema, "accs-schema.yaml (Adobe, Apache-2.0)");
    }

    static String generate(Path schema, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(schema.toFile());
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        Iterator<Map.Entry<String, JsonNode>> paths = root.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (!List.of("get", "post", "put", "delete").contains(m.getKey())) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                boolean search = false;
                boolean body = false;
                for (JsonNode p : m.getValue().path("parameters")) {
                    String in = p.path("in").asText();
                    String name = p.path("name").asText();
                    switch (in) {
                        case "path" -> pathParams.add(name);
                        case "query" -> {
                            if (name.startsWith("searchCriteria")) {
                                search = true;
                            } else if (!queryParams.contains(name)) {
                                queryParams.add(name);
                            }
                        }
                        case "body" -> body = true;
                        default -> {
                        }
                    }
                }
                var op = json.createObjectNode();
                op.put("method", m.getKey().toUpperCase(Locale.ROOT));
                op.put("path", path.getKey());
                op.put("operationId", m.getValue().path("operationId").asText());
                pathParams.forEach(op.putArray("pathParameters")::add);
                if (pathParams.isEmpty()) {
                    op.putArray("pathParameters");
                }
                var q = op.putArray("queryParameters");
                queryParams.forEach(q::add);
                op.put("search", search);
                op.put("body", body);
                lines.add(json.writeValueAsString(op));
            }
        }
        return "{\"source\":\"" + source + "\",\"operations\":[\n" + String.join(",\n", lines)
               + "\n]}\n";
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(OUTPUT, generate(SCHEMA), StandardCharsets.UTF_8);
        Files.writeString(PAAS_OUTPUT, generate(PAAS_SCHEMA, PAAS_SOURCE), StandardCharsets.UTF_8);
    }
}
