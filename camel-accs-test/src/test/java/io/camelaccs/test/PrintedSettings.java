package io.camelaccs.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

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
                        unquote(assignment.substring(assignment.indexOf('=') + 1)));
            } else if (line.startsWith("camel.component.accs.")) {
                settings.properties.putAll(load(line));
            }
        }
        return settings;
    }

    /** Lines of a .properties file, read as Camel Main reads it: {@link Properties#load(InputStream)}, ISO-8859-1. */
    static Map<String, String> load(String lines) {
        Properties loaded = new Properties();
        try {
            // the bytes an editor saves (UTF-8), read as ISO-8859-1: only ASCII survives both
            loaded.load(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(key -> values.put(key, loaded.getProperty(key)));
        return values;
    }

    /** A shell word as the simulator prints it: bare, or single-quoted with ' as '\\''. */
    static String unquote(String word) {
        if (!word.startsWith("'")) {
            return word;
        }
        if (!word.endsWith("'")) {
            throw new IllegalArgumentException("Not a single-quoted word: " + word);
        }
        return word.substring(1, word.length() - 1).replace("'\\''", "'");
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
