package io.camelaccs.platform;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.AccsAuthenticationException;
import io.camelaccs.ims.TokenSource;
import io.camelaccs.rest.ErrorMessage;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * A PaaS admin token: {@code POST /V1/integration/admin/token} with the Admin user's name and password, answered by
 * the token as a JSON string. The shop does not say how long it lives, so its configured lifetime
 * ({@code adminTokenLifetime}, 4 hours by default) is taken as its expiry; the {@link io.camelaccs.ims.TokenCache}
 * that calls this renews it before then, once for all threads, and replaces it when Commerce answers 401.
 * <p>
 * A shop with two-factor authentication ({@code Magento_TwoFactorAuth}, on by default in 2.4) issues no admin token
 * here: the error says so, names the {@code /V1/tfa/...} routes and recommends an integration.
 */
public final class AdminTokenSource implements TokenSource {

    static final String PATH = "/V1/integration/admin/token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTransport transport;
    private final String tokenUrl;
    private final String username;
    private final String password;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param restRoot the shop's REST root with the store code, such as {@code https://shop/rest/default}
     */
    public AdminTokenSource(HttpTransport transport, String restRoot, String username, String password,
                            Duration lifetime, Clock clock) {
        this.transport = transport;
        this.tokenUrl = restRoot + PATH;
        this.username = username;
        this.password = password;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch() {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        HttpPost post = new HttpPost(tokenUrl);
        post.setHeader("Accept", "application/json");
        HttpReply reply;
        try {
            post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
            reply = transport.execute(post);
        } catch (IOException e) {
            throw new AccsAuthenticationException("Could not obtain an admin token from " + tokenUrl + ": "
                                                  + e.getClass().getSimpleName() + ": " + e.getMessage(), 0, null, null,
                    null, null);
        }
        if (reply.isSuccess()) {
            return token(reply);
        }
        String message = ErrorMessage.render(reply.body());
        throw new AccsAuthenticationException(explain(reply.status(), message, reply), reply.status(),
                twoFactor(message) ? "two_factor_required" : null, message, reply.debugId(), null);
    }

    private AccessToken token(HttpReply reply) {
        JsonNode node;
        try {
            node = JSON.readTree(reply.body());
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new AccsAuthenticationException("POST " + tokenUrl + " answered HTTP " + reply.status() + " without"
                                                  + " a token (a JSON string was expected): is baseUrl the shop's REST"
                                                  + " root, such as https://shop.example.com/rest?", reply.status(),
                    null, null, reply.debugId(), null);
        }
        Instant now = clock.instant();
        return new AccessToken(node.asText(), now, now.plus(lifetime));
    }

    private String explain(int status, String message, HttpReply reply) {
        // Commerce's sentence ends with a period; ours follow it
        String said = message == null ? "" : ": " + message.replaceAll("\\.$", "");
        if (twoFactor(message)) {
            String providers = providers(reply);
            return "The shop demands two-factor authentication for admin tokens (Magento_TwoFactorAuth): POST "
                   + tokenUrl + " answered HTTP " + status + said + (providers.isEmpty() ? "" : " (active providers: "
                                                                                              + providers + ")")
                   + ". An unattended route cannot pass 2FA: create an integration (System > Extensions > Integrations)"
                   + " and use authenticationType=INTEGRATION, or obtain a token yourself from the provider's route"
                   + " (POST /V1/tfa/provider/google/authenticate with username, password and otp, or"
                   + " /V1/tfa/provider/duo_security/authenticate, /V1/tfa/provider/authy/authenticate) and pass it with"
                   + " authenticationType=ACCESS_TOKEN";
        }
        if (status == 401) {
            return "The shop refused the Admin credentials at POST " + tokenUrl + said + ": check options"
                   + " adminUsername and adminPassword (the shop locks an account for a while after failed sign-ins)";
        }
        return "Could not obtain an admin token: POST " + tokenUrl + " answered HTTP " + status + said;
    }

    private static boolean twoFactor(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("2fa");
    }

    private static String providers(HttpReply reply) {
        try {
            JsonNode active = JSON.readTree(reply.body()).path("parameters").path("active_providers");
            StringBuilder sb = new StringBuilder();
            active.forEach(p -> sb.append(sb.length() == 0 ? "" : ", ").append(p.asText()));
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public String describe() {
        // who, not with what: the user name is a credential too
        return "admin token at " + tokenUrl;
    }

    @Override
    public String toString() {
        return "AdminTokenSource[" + tokenUrl + "]";
    }
}
