package io.camelaccs.events;

import java.io.IOException;

import io.camelaccs.http.HttpReply;
import io.camelaccs.http.HttpTransport;
import io.camelaccs.ims.AccessToken;
import io.camelaccs.ims.TokenProvider;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the I/O Events journal with the headers it expects ({@code Authorization: Bearer}, {@code x-api-key},
 * {@code x-ims-org-id}, the events media type), replaying a request once with a new token when the journal rejects
 * the token, as the accs: component does with Commerce.
 */
final class JournalClient {

    private static final Logger LOG = LoggerFactory.getLogger(JournalClient.class);
    static final String EVENTS_MEDIA_TYPE = "application/vnd.adobecloud.events+json";

    private final HttpTransport transport;
    private final TokenProvider tokens;
    private final String apiKey;
    private final String orgId;

    JournalClient(HttpTransport transport, TokenProvider tokens, String apiKey, String orgId) {
        this.transport = transport;
        this.tokens = tokens;
        this.apiKey = apiKey;
        this.orgId = orgId;
    }

    HttpReply get(String url) throws IOException {
        AccessToken token = tokens.token();
        HttpReply reply = getOnce(url, token);
        if (reply.status() == 401 && tokens.rejected(token)) {
            LOG.debug("Journal answered 401: replaying once with a new token");
            reply = getOnce(url, tokens.token());
        }
        return reply;
    }

    private HttpReply getOnce(String url, AccessToken token) throws IOException {
        BasicClassicHttpRequest http = new BasicClassicHttpRequest("GET", url);
        http.setHeader("Authorization", "Bearer " + token.value());
        http.setHeader("x-api-key", apiKey);
        if (orgId != null) {
            http.setHeader("x-ims-org-id", orgId);
        }
        http.setHeader("Accept", EVENTS_MEDIA_TYPE);
        long start = System.nanoTime();
        HttpReply reply = transport.execute(http);
        if (LOG.isDebugEnabled()) {
            LOG.debug("GET {} -> HTTP {} in {} ms", url, reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
        return reply;
    }
}
