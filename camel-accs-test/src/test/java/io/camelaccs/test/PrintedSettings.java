package io.camelaccs.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the standalone simulator printed, read as a user would: the {@code export ACCS_...=} lines and the
 * {@code camel.component.accs.*} properties; and a client that uses nothing else.
 */
final class PrintedSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> environment = new LinkedHashMap<>();
    final Map<String, String> properties = new LinkedHashMap<>();

    static PrintedSettings parse(String output) {
        PrintedSettings settings = new PrintedSettings();
        for (String line : output.split("\\R")) {
            if (line.startsWith("export ACCS_")) {
                String assignment = line.substring("export ".length());
                settings.environment.put(assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1));
            } else if (line.startsWith("camel.component.accs.")) {
                settings.properties.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return settings;
    }

    /** GET a Commerce path with a client-credentials token, both obtained with the printed settings only. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String form = "grant_type=client_credentials&client_id=" + encode(environment.get("ACCS_CLIENT_ID"))
                      + "&client_secret=" + encode(environment.get("ACCS_CLIENT_SECRET"))
                      + "&scope=" + encode(AccsSimulator.SCOPES);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(environment.get("ACCS_IMS_URL") + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new IllegalStateException("IMS answered " + token.statusCode() + ": " + token.body());
        }
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(environment.get("ACCS_BASE_URL") + path))
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).get("access_token").asText())
                .header("x-api-key", environment.get("ACCS_CLIENT_ID"))
                .header("x-gw-ims-org-id", environment.get("ACCS_ORG_ID"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("Commerce answered " + reply.statusCode() + ": " + reply.body());
        }
        return JSON.readTree(reply.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
