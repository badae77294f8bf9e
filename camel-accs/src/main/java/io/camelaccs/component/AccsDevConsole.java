package io.camelaccs.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenCache;
import io.camelaccs.rest.CommerceMetrics;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * The {@code accs} dev console: per component instance, its token caches (client id masked, token age and expiry,
 * fetches, last IMS error) and what it sent to Commerce (requests, retries, 429s, 401s, failures). Never a credential.
 */
@DevConsole(name = "accs", displayName = "ACCS", description = "Adobe Commerce as a Cloud Service: tokens and requests")
public class AccsDevConsole extends AbstractDevConsole {

    public AccsDevConsole() {
        super("camel", "accs", "ACCS", "Adobe Commerce as a Cloud Service: tokens and requests");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<Map<String, Object>> components = new ArrayList<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component c = getCamelContext().hasComponent(name);
            if (c instanceof AccsComponent accs) {
                components.add(describe(name, accs));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("components", components);
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> components = (List<Map<String, Object>>) doCallJson(options).get("components");
        for (Map<String, Object> c : components) {
            sb.append("Component ").append(c.get("name")).append('\n');
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tokens = (List<Map<String, Object>>) c.get("tokens");
            for (Map<String, Object> t : tokens) {
                sb.append("    Token ").append(t.get("grant")).append(": ");
                if (t.get("tokenExpiresAt") != null) {
                    sb.append("age ").append(t.get("tokenAgeSeconds")).append(" s, expires ").append(t.get("tokenExpiresAt"));
                } else {
                    sb.append("no token held yet (the first request fetches one; the console never does)");
                }
                sb.append(", fetches ").append(t.get("fetches")).append(", failures ").append(t.get("failures"));
                if (t.get("lastImsError") != null) {
                    sb.append(", last IMS error: ").append(t.get("lastImsError"));
                }
                sb.append('\n');
            }
            sb.append("    Commerce: ").append(c.get("requests")).append(" requests, ").append(c.get("retries"))
                    .append(" retries, ").append(c.get("rateLimited")).append(" x 429, ").append(c.get("unauthorized"))
                    .append(" x 401, ").append(c.get("failures")).append(" failures\n");
        }
        return sb.toString();
    }

    static Map<String, Object> describe(String name, AccsComponent accs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (TokenCache cache : accs.tokenCaches()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("grant", cache.describe());
            AccessToken token = cache.peek();
            if (token != null) {
                t.put("tokenState", cache.holdsUsableToken() ? "held" : "expired");
                t.put("tokenAgeSeconds", Duration.between(token.issuedAt(), accs.now()).toSeconds());
                t.put("tokenExpiresAt", token.expiresAt().toString());
            } else {
                t.put("tokenState", AccsProducerHealthCheck.NO_TOKEN_YET);
            }
            if (cache.notTheTokenUntil() != null) {
                t.put("permission401Until", cache.notTheTokenUntil().toString());
            }
            t.put("fetches", cache.fetchCount());
            t.put("failures", cache.failureCount());
            if (cache.lastFailure() != null) {
                t.put("lastImsError", cache.lastFailure().getMessage());
                t.put("lastImsErrorAt", String.valueOf(cache.lastFailureAt()));
            }
            tokens.add(t);
        }
        c.put("tokens", tokens);
        CommerceMetrics m = accs.metrics();
        c.put("requests", m.requests());
        c.put("retries", m.retries());
        c.put("rateLimited", m.rateLimitedResponses());
        c.put("unauthorized", m.unauthorizedResponses());
        c.put("failures", m.failures());
        return c;
    }
}
