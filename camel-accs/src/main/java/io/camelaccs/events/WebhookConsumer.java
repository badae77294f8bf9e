package io.camelaccs.events;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelaccs.http.HttpReply;
import io.camelaccs.inbound.RejectionLog;
import io.camelaccs.inbound.RawBody;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives pushed events through Camel's {@code platform-http}, on whatever HTTP engine the runtime brings. A GET
 * with {@code challenge} is the registration check and gets its value back; a POST is verified on its raw bytes (either
 * of two RSA signatures, every event's {@code recipient_client_id}) before anything reaches the route: anything else
 * gets 401. An authentic event without an id in its body, or older than {@code replayWindow}, gets 400 (a replay of a
 * captured delivery). Each event of a delivery (one, or a batch array) runs on an exchange of its own, and the delivery
 * is answered 200 only once every exchange succeeded, 500 when one failed or was rolled back, so that Adobe delivers it
 * again; events already done are then dropped as duplicates. A retry that arrives while the same event is still
 * running (here, or in another consumer of this JVM on the same idempotent repository) gets 429 with
 * {@code Retry-After}: acknowledging it would lose the event if the running attempt failed.
 * <p>
 * Anyone can send to a webhook, so what a request costs before it is known to be Adobe's is bounded: a body announced
 * larger than {@code maxBodySize} is refused unread; key fetches are bounded by {@link PublicKeyCache}; one
 * {@code validationUrl} is fetched at a time, none queued; a challenge is echoed only when it is plain text; and the
 * requests refused are counted and logged at most once a minute, what their senders chose quoted
 * ({@link RejectionLog}).
 */
final class WebhookConsumer extends DefaultConsumer implements EventsConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a retry of an event still running is told to wait (Adobe's own schedule starts at one minute). */
    static final Duration IN_FLIGHT_RETRY_AFTER = Duration.ofSeconds(30);
    /** What a registration check sent while another validationUrl is being fetched is told to wait. */
    static final Duration VALIDATION_RETRY_AFTER = Duration.ofSeconds(60);
    /**
     * What a challenge may be: Adobe sends a UUID-like token, and the answer is echoed to whoever asked, so nothing that
     * a browser could take for markup or script is sent back.
     */
    static final Pattern SAFE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private final AccsEventsConfiguration conf;
    private final String path;
    private final EventsMetrics metrics = new EventsMetrics();
    private final Clock clock;
    private EventDelivery delivery;
    private ReplayWindow replayWindow;
    private SignatureVerifier verifier;
    private byte[] clientId;
    private Consumer http;
    private ExecutorService validations;
    /** Whether a validationUrl fetch is under way: one at a time, none queued. */
    private final AtomicBoolean validating = new AtomicBoolean();
    private RejectionLog refusals;
    private FailingEvents failing;

    WebhookConsumer(AccsEventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.conf = endpoint.getConfiguration();
        this.path = endpoint.getPath();
        this.clock = endpoint.getComponent().clock();
    }

    @Override
    public AccsEventsEndpoint getEndpoint() {
        return (AccsEventsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AccsEventsEndpoint endpoint = getEndpoint();
        clientId = endpoint.effective().getClientId().getBytes(StandardCharsets.UTF_8);
        verifier = new SignatureVerifier(new PublicKeyCache(conf.getPublicKeyBaseUrl(), endpoint.transport(), clock));
        delivery = new EventDelivery(new EventTypeFilter(conf.getEventTypes()), endpoint.idempotentRepository(), metrics,
                clock);
        replayWindow = new ReplayWindow(Duration.ofMillis(conf.getReplayWindow()), clock);
        refusals = new RejectionLog(LOG, clock, path);
        failing = new FailingEvents(Duration.ofMillis(conf.getReplayWindow()), clock);
        validations = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                "AccsEventsValidation");
        // the form body stays bytes: the signature is over them
        Endpoint platformHttp = getEndpoint().getCamelContext().getEndpoint(
                "platform-http:" + path + "?httpMethodRestrict=GET,POST&populateBodyWithForm=false");
        http = platformHttp.createConsumer(this::answer);
        ServiceHelper.startService(http);
        endpoint.getComponent().register(this);
        LOG.info("Receiving Commerce events at {} (platform-http)", path);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregister(this);
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        if (validations != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(validations);
            validations = null;
        }
        super.doStop();
    }

    /** Answers one HTTP request on platform-http's exchange; the route runs on exchanges of its own. */
    private void answer(Exchange httpExchange) {
        Message in = httpExchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        if ("GET".equalsIgnoreCase(method)) {
            String challenge = in.getHeader("challenge", String.class);
            if (challenge == null || !SAFE_CHALLENGE.matcher(challenge).matches()) {
                refuse("Registration challenge " + RejectionLog.quote(challenge) + " refused (400): expected 1 to 256 of"
                       + " A-Z a-z 0-9 . _ ~ -");
                respond(in, 400, "Expected a challenge parameter of 1 to 256 characters A-Z a-z 0-9 . _ ~ -");
            } else {
                LOG.info("Answered the registration challenge at {}", path);
                respond(in, 200, challenge);
            }
            return;
        }
        Map<String, String> headers = adobeHeaders(in);
        byte[] raw;
        try {
            raw = RawBody.read(in, conf.getMaxBodySize());
        } catch (RawBody.TooLargeException e) {
            refuse("Delivery " + RejectionLog.quote(headers.get("x-adobe-delivery-id")) + " refused (413): "
                   + e.getMessage());
            respond(in, 413, e.getMessage());
            return;
        } catch (IOException e) {
            refuse("Delivery " + RejectionLog.quote(headers.get("x-adobe-delivery-id")) + " refused (400): "
                   + e.getMessage());
            respond(in, 400, "Unreadable body");
            return;
        }
        Object parsed;
        try {
            parsed = raw.length == 0 ? null : JSON.readValue(raw, Object.class);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed instanceof Map<?, ?> map && isValidation(map, headers)) {
            answerValidation(in, map);
            return;
        }
        SignatureVerifier.Verdict verdict = verifier.verify(raw, headers.get("x-adobe-digital-signature-1"),
                headers.get("x-adobe-public-key1-path"), headers.get("x-adobe-digital-signature-2"),
                headers.get("x-adobe-public-key2-path"));
        if (verdict == SignatureVerifier.Verdict.UNAVAILABLE) {
            String what = "Delivery " + RejectionLog.quote(headers.get("x-adobe-delivery-id"))
                          + " not verified (503): its signing key could not be had now";
            metrics.error(what, clock.instant());
            refuse(what);
            respond(in, 503, "Signature key unavailable; try again");
            in.setHeader("Retry-After", String.valueOf(PublicKeyCache.FAILURE_TTL.toSeconds()));
            return;
        }
        if (verdict != SignatureVerifier.Verdict.AUTHENTIC) {
            reject(in, headers, verdict == SignatureVerifier.Verdict.UNSIGNED ? "unsigned" : "signature does not verify");
            return;
        }
        List<CommerceEvent> events;
        try {
            events = events(parsed, headers);
        } catch (IllegalArgumentException e) {
            refuse("Delivery " + RejectionLog.quote(headers.get("x-adobe-delivery-id")) + " refused (400): "
                   + e.getMessage());
            respond(in, 400, e.getMessage());
            return;
        }
        for (CommerceEvent event : events) {
            if (!isOurs(event.recipient())) {
                reject(in, headers, "recipient_client_id is not this client");
                return;
            }
        }
        for (CommerceEvent event : events) {
            String refusal = replayWindow.refusal(event);
            if (refusal != null) {
                // authentic but unusable: 400 is not retried, and nothing of the delivery reaches the route
                metrics.error(refusal, clock.instant());
                refuse(refusal + " (400)");
                respond(in, 400, refusal);
                return;
            }
        }
        boolean running = false;
        for (CommerceEvent event : events) {
            EventDelivery.Outcome outcome = delivery.deliver(this, event, null, () -> {
            });
            if (outcome == EventDelivery.Outcome.FAILED) {
                failing.failed(event.id());
                respond(in, 500, "Event " + RejectionLog.quote(event.id()) + " failed; deliver again");
                return;
            }
            if (outcome.isDone()) {
                failing.done(event.id());
            }
            running |= outcome == EventDelivery.Outcome.IN_FLIGHT;
        }
        if (running) {
            // a retry that overtook its first attempt: 200 would be a promise the first attempt may break, so Adobe
            // is asked to come back (429 is retried); the other events of a batch ran, and will be duplicates then
            respond(in, 429, "An event of this delivery is still being processed; deliver again later");
            in.setHeader("Retry-After", String.valueOf(IN_FLIGHT_RETRY_AFTER.toSeconds()));
            return;
        }
        respond(in, 200, "");
    }

    private List<CommerceEvent> events(Object parsed, Map<String, String> headers) {
        List<CommerceEvent> events = new ArrayList<>();
        String delivery = RejectionLog.quote(headers.get("x-adobe-delivery-id"));
        if (parsed instanceof List<?> batch) {
            for (Object e : batch) {
                events.add(CommerceEvent.of(e, "in delivery " + delivery));
            }
        } else if (parsed instanceof Map<?, ?>) {
            // the id comes from the signed body only: x-adobe-event-id is a header anyone can set
            events.add(CommerceEvent.of(parsed, "in delivery " + delivery));
        } else {
            throw new IllegalArgumentException("Expected a JSON event or an array of events");
        }
        return events;
    }

    /** Constant time, so that a forger learns nothing from how long a wrong recipient takes to refuse. */
    private boolean isOurs(String recipient) {
        return recipient != null && MessageDigest.isEqual(clientId, recipient.getBytes(StandardCharsets.UTF_8));
    }

    private void reject(Message in, Map<String, String> headers, String why) {
        String what = "Delivery " + RejectionLog.quote(headers.get("x-adobe-delivery-id")) + " rejected (401): " + why;
        metrics.signatureFailure(what, clock.instant());
        refuse(what);
        respond(in, 401, "Unauthorized");
    }

    /** Counts a refused request, and logs it unless one was logged within the minute. */
    private void refuse(String what) {
        metrics.rejected();
        refusals.refused(what);
    }

    /** The registration's fallback check: a body with a validationUrl (or a challenge) and no event in it. */
    private static boolean isValidation(Map<?, ?> body, Map<String, String> headers) {
        return body.get("type") == null && body.get("event") == null
               && (body.get("validationUrl") instanceof String || body.get("challenge") instanceof String);
    }

    private void answerValidation(Message in, Map<?, ?> body) {
        if (body.get("validationUrl") instanceof String url) {
            URI target = allowedValidationUrl(url);
            if (target == null) {
                refuse("validationUrl on a host outside validationUrlHosts (" + conf.getValidationUrlHosts()
                       + ") refused (400)");
                respond(in, 400, "validationUrl host not allowed");
                return;
            }
            // one fetch at a time and none queued: anyone can post a validationUrl, and each would cost a request
            if (!validating.compareAndSet(false, true)) {
                refuse("validationUrl refused (429): another one is being fetched");
                respond(in, 429, "A validationUrl is being fetched; try again later");
                in.setHeader("Retry-After", String.valueOf(VALIDATION_RETRY_AFTER.toSeconds()));
                return;
            }
            try {
                validations.execute(() -> {
                    try {
                        fetchValidation(target);
                    } finally {
                        validating.set(false);
                    }
                });
            } catch (RuntimeException e) {
                validating.set(false);
                throw e;
            }
        }
        Object challenge = body.get("challenge");
        if (challenge instanceof String c) {
            if (!SAFE_CHALLENGE.matcher(c).matches()) {
                refuse("Registration challenge " + RejectionLog.quote(c) + " refused (400)");
                respond(in, 400, "Expected a challenge of 1 to 256 characters A-Z a-z 0-9 . _ ~ -");
                return;
            }
            in.setBody("{\"challenge\":" + quote(c) + "}");
            respondJson(in);
            return;
        }
        respond(in, 200, "");
    }

    private void fetchValidation(URI target) {
        try {
            HttpReply reply = getEndpoint().transport().execute(new BasicClassicHttpRequest("GET", target));
            LOG.info("Fetched the registration's validationUrl for {}: HTTP {}", path, reply.status());
        } catch (IOException e) {
            LOG.warn("Could not fetch the registration's validationUrl for {}: {}", path, e.getMessage());
        }
    }

    URI allowedValidationUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            return null;
        }
        if (!SecureUrls.isAllowed(uri)) {
            return null;
        }
        for (String allowed : conf.getValidationUrlHosts().split(",")) {
            String a = allowed.trim().toLowerCase(Locale.ROOT);
            if (!a.isEmpty() && (host.equals(a) || host.endsWith("." + a))) {
                return uri;
            }
        }
        return null;
    }

    private static Map<String, String> adobeHeaders(Message in) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-adobe-") && h.getValue() != null) {
                headers.put(name, h.getValue().toString());
            }
        }
        return headers;
    }

    private static void respond(Message in, int status, String text) {
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        // the challenge is echoed: no browser may take an answer for anything but the text it is
        in.setHeader("X-Content-Type-Options", "nosniff");
        in.setBody(text);
    }

    private static void respondJson(Message in) {
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public EventsMetrics metrics() {
        return metrics;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "webhook");
        d.put("path", path);
        d.put("publicKeyBaseUrl", conf.getPublicKeyBaseUrl());
        FailingEvents.Worst worst = failing == null ? null : failing.worst();
        if (worst != null && worst.failures() >= conf.getFailureThreshold()) {
            // reported, but the check stays UP: a webhook taken out of service could not receive the retry that cures
            d.put("failingEventId", worst.eventId());
            d.put("failingEventFailures", worst.failures());
        }
        return d;
    }

    @Override
    public String downReason() {
        return null;
    }

    @Override
    public String routeId() {
        return getRouteId();
    }
}
