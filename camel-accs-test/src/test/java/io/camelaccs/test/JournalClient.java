package io.camelaccs.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the simulator's I/O Events journal with java.net.http, as a test would without the component. */
final class JournalClient {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private final AccsSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SimClient ims;
    private String token;

    JournalClient(AccsSimulator sim) {
        this.sim = sim;
        this.ims = new SimClient(sim);
    }

    /** A client-credentials token with the I/O Events scope, fetched once. */
    String token() {
        if (token == null) {
            token = ims.tokenRequest(SimClient.form("grant_type", "client_credentials", "client_id", sim.clientId(),
                    "client_secret", sim.clientSecret(), "scope", AccsSimulator.EVENTS_SCOPES), null)
                    .json().get("access_token").asText();
        }
        return token;
    }

    /** GET the journal URL with this query ("" or "?since=..."). */
    SimClient.Reply read(String query) {
        return get(URI.create(sim.journalUrl() + query), token(), sim.clientId());
    }

    /** GET the {@code Link rel=next} of a reply, resolved against the journal host as Adobe asks. */
    SimClient.Reply next(SimClient.Reply reply) {
        return get(URI.create(sim.journalUrl()).resolve(next(reply.header("Link"))), token(), sim.clientId());
    }

    static String next(String link) {
        Matcher m = NEXT.matcher(link == null ? "" : link);
        if (!m.find()) {
            throw new AssertionError("No rel=\"next\" in Link header " + link);
        }
        return m.group(1);
    }

    SimClient.Reply get(URI uri, String bearer, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/vnd.adobecloud.events+json").GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return new SimClient.Reply(response.statusCode(), response,
                    json ? SimClient.JSON.readTree(response.body()) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
