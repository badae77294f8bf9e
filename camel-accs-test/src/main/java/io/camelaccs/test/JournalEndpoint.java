package io.camelaccs.test;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock extension answering {@code GET} on the journal URL of the simulated event registration as Adobe I/O
 * Events does: a bearer token the simulated IMS issued with the {@code adobeio_api} scope, {@code x-api-key} the
 * client id; {@code since}, {@code limit}, {@code seek}, {@code latest}; {@code 200} with
 * {@code {"events":[...],"_page":{...}}}, {@code 204} with {@code retry-after} at the end, {@code 410} for an
 * expired position; a relative {@code Link: <...>; rel="next"} on each of these.
 */
final class JournalEndpoint extends StubEndpoint {

    static final String NAME = "accs-events-journal";
    /** The registration's journal path: consumer organization, credential (integration) and registration ids. */
    static final String PATH = "/events/organizations/83523/integrations/412907/accs-sim-registration";
    static final String REQUIRED_SCOPE = "adobeio_api";

    private static final Logger LOG = LoggerFactory.getLogger(JournalEndpoint.class);

    private final EventJournal journal;
    private final TokenRegistry tokens;
    private final String clientId;
    private final String orgId;

    JournalEndpoint(EventJournal journal, TokenRegistry tokens, String clientId, String orgId) {
        super(NAME, () -> 0);
        this.journal = journal;
        this.tokens = tokens;
        this.clientId = clientId;
        this.orgId = orgId;
    }

    @Override
    ResponseDefinition answer(Request request, int delay) {
        RequestTarget target = RequestTarget.of(request.getUrl(), PATH);
        if (!target.fullRawPath().equals(PATH)) {
            return error(404, "404040", "No journal at " + target.fullRawPath());
        }
        if (!request.getMethod().getName().equals("GET")) {
            return error(405, "405000", "The journal answers GET only");
        }
        Integer failure = journal.takeFailure();
        if (failure != null) {
            Map<String, String> headers = failure == 429
                    ? Map.of("retry-after", String.valueOf(journal.retryAfterSeconds())) : Map.of();
            return Replies.json(failure, Json.object().put("error_code", failure + "000")
                    .put("message", "Simulated journal failure"), 0, headers);
        }
        ResponseDefinition refused = authenticate(request);
        if (refused != null) {
            return refused;
        }
        Map<String, List<String>> query = UrlCodec.decodeForm(target.rawQuery());
        String since = first(query, "since");
        String seekText = first(query, "seek");
        String limitText = first(query, "limit");
        boolean latest = "true".equalsIgnoreCase(first(query, "latest"));
        if (since != null && seekText != null) {
            return error(400, "400001", "since and seek cannot be combined");
        }
        Integer limit = null;
        if (limitText != null) {
            try {
                limit = Integer.valueOf(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                return error(400, "400002", "limit must be a positive integer, not " + limitText);
            }
        }
        Duration seek = null;
        if (seekText != null) {
            try {
                seek = Duration.parse(seekText);
            } catch (DateTimeParseException e) {
                seek = Duration.ZERO;
            }
            if (!seek.isNegative()) {
                return error(400, "400003", "seek must be a negative ISO-8601 duration such as -PT2H, not " + seekText);
            }
        }
        EventJournal.Page page;
        try {
            page = journal.read(since, seek, latest, limit);
        } catch (IllegalArgumentException e) {
            return error(400, "400004", e.getMessage());
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Link", "<" + PATH + nextQuery(page.nextSince(), limitText) + ">; rel=\"next\"");
        if (page.status() == 410) {
            LOG.debug("Journal position {} has expired", since);
            return Replies.json(410, Json.object().put("error_code", "410000")
                    .put("message", "events at position " + since + " have expired"), 0, headers);
        }
        if (page.status() == 204) {
            headers.put("retry-after", String.valueOf(journal.retryAfterSeconds()));
            return Replies.empty(204, 0, headers);
        }
        ObjectNode body = Json.object();
        ArrayNode events = body.putArray("events");
        for (JournalEntry entry : page.entries()) {
            events.addObject().put("position", entry.position()).set("event", entry.event());
        }
        body.putObject("_page").put("last", page.nextSince()).put("count", page.entries().size());
        return Replies.json(200, body, 0, headers);
    }

    /** Null when the request may read the journal, else the refusal. */
    private ResponseDefinition authenticate(Request request) {
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (tokens.check(token) != TokenRegistry.Verdict.VALID) {
            return error(401, "401013", "Oauth token is not valid");
        }
        String scope = tokens.scopeOf(token);
        if (scope == null || Arrays.stream(scope.split("[,\\s]+")).noneMatch(REQUIRED_SCOPE::equals)) {
            return error(403, "403027", "The access token lacks the " + REQUIRED_SCOPE + " scope");
        }
        String apiKey = request.getHeader("x-api-key");
        if (apiKey == null || !apiKey.equals(clientId)) {
            return error(403, "403003", "Api Key is invalid");
        }
        String org = request.getHeader("x-ims-org-id");
        if (org != null && !org.equals(orgId)) {
            return error(403, "403025", "The x-ims-org-id header names another organization");
        }
        return null;
    }

    private static String nextQuery(String since, String limit) {
        StringBuilder q = new StringBuilder();
        if (since != null) {
            q.append("?since=").append(UrlCodec.encode(since));
        }
        if (limit != null) {
            q.append(q.isEmpty() ? '?' : '&').append("limit=").append(UrlCodec.encode(limit));
        }
        return q.toString();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return Replies.json(status, Json.object().put("error_code", code).put("message", message), 0, Map.of());
    }
}
