package io.camelaccs.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain java.net.http client for the simulator, as a test would write one without the component. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body parsed when it is JSON. */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final AccsSimulator sim;
    private final HttpClient http;
    private String token;

    SimClient(AccsSimulator sim) {
        this.sim = sim;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client-credentials token, fetched once. */
    String token() {
        if (token == null) {
            token = clientCredentials().json().get("access_token").asText();
        }
        return token;
    }

    void useToken(String accessToken) {
        this.token = accessToken;
    }

    Reply clientCredentials() {
        return tokenRequest(form("grant_type", "client_credentials", "client_id", sim.clientId(), "client_secret",
                sim.clientSecret(), "scope", AccsSimulator.SCOPES), null);
    }

    Reply tokenRequest(String form, String basicAuth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.imsUrl() + "/ims/token/v3"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicAuth != null) {
            b.header("Authorization", basicAuth);
        }
        return send(b.build());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String form(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(UrlCodec.encode(pairs[i]) + "=" + UrlCodec.encode(pairs[i + 1]));
        }
        return String.join("&", parts);
    }

    /** A query string from name/value pairs, values encoded. */
    static String query(String... pairs) {
        return "?" + form(pairs);
    }

    /** A search query: filters as {group, field, condition, value}, sort and paging appended by the caller. */
    static String search(Map<String, String> params) {
        return "?" + params.entrySet().stream()
                .map(e -> UrlCodec.encode(e.getKey()) + "=" + UrlCodec.encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    Reply get(String pathAndQuery) {
        return commerce("GET", pathAndQuery, null, Map.of());
    }

    Reply put(String path, Object body) {
        return commerce("PUT", path, body, Map.of());
    }

    Reply post(String path, Object body) {
        return commerce("POST", path, body, Map.of());
    }

    Reply delete(String path) {
        return commerce("DELETE", path, null, Map.of());
    }

    Reply commerce(String method, String pathAndQuery, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token()).header("x-api-key", sim.clientId())
                .header("x-gw-ims-org-id", sim.orgId()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20));
        headers.forEach(b::setHeader);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        return send(b.build());
    }

    Reply raw(HttpRequest request) {
        return send(request);
    }

    static String sku(String sku) {
        return UrlCodec.encode(sku);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
