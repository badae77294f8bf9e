package io.camelaccs.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes Commerce events to a webhook URL as Adobe I/O Events does: the registration challenge, and deliveries
 * signed with the simulator's own RSA keys ({@code x-adobe-digital-signature-1/2} over the raw body, the keys'
 * paths in {@code x-adobe-public-key1/2-path}, served on the simulator's port: give the consumer
 * {@link AccsSimulator#publicKeyBaseUrl()} as its key host), with {@code x-adobe-event-id},
 * {@code x-adobe-delivery-id}, {@code x-adobe-event-code}, {@code x-adobe-provider}. Answers {@code 429} and
 * {@code 5xx} (but {@code 505}) are retried at once, up to {@link #maxAttempts(int)} attempts, with
 * {@code x-adobe-retry-count} (Adobe waits minutes between retries; a test has no time for that). Every delivery
 * and each attempt's status is recorded ({@link #deliveries()}). Forged deliveries on demand ({@link Forgery}).
 */
public final class WebhookPublisher implements AutoCloseable {

    /** How a forged delivery is wrong; a verifying consumer answers each with {@code 401}. */
    public enum Forgery {
        /** Both signatures are over other bytes than the body sent (a body changed in transit). */
        BAD_SIGNATURE,
        /** Correctly signed, but the event's {@code recipient_client_id} is another integration's. */
        WRONG_RECIPIENT,
        /**
         * Signed with an attacker's key, whose key path headers are an absolute URL on another host
         * ({@code http://localhost:<port>/prod/keys/...}), where that key is served.
         */
        KEY_ON_OTHER_HOST,
        /**
         * Signed with an attacker's key, whose key path headers smuggle another host into a concatenated URL
         * ({@code @localhost:<port>/prod/keys/...}).
         */
        KEY_HOST_SMUGGLED,
        /** No signature and no key path headers at all. */
        UNSIGNED,
        /** Only the retired HMAC header {@code x-adobe-signature}, which must no longer be accepted. */
        HMAC_ONLY
    }

    /**
     * One delivery as the consumer answered it.
     *
     * @param url        where it went
     * @param eventId    the {@code x-adobe-event-id} (the first event's {@code event_id} for a batch)
     * @param deliveryId the {@code x-adobe-delivery-id} of the first attempt
     * @param eventCount how many events the body held
     * @param forgery    how it was forged, or null for a genuine delivery
     * @param statuses   the status of each attempt, in order; 0 for a connection failure
     */
    public record Delivery(String url, String eventId, String deliveryId, int eventCount, Forgery forgery,
                           List<Integer> statuses) {

        /** The status of the last attempt. */
        public int status() {
            return statuses.get(statuses.size() - 1);
        }

        /** How many attempts were made. */
        public int attempts() {
            return statuses.size();
        }
    }

    /**
     * The answer to a registration challenge.
     *
     * @param challenge   the value sent
     * @param status      the HTTP status, 0 for a connection failure
     * @param contentType the answer's {@code Content-Type}, or null
     * @param body        the answer's body
     */
    public record Challenge(String challenge, int status, String contentType, String body) {

        /**
         * Whether Adobe would accept the answer: {@code 200} with the value as plain text or as
         * {@code {"challenge":"<value>"}}.
         */
        public boolean accepted() {
            if (status != 200 || body == null) {
                return false;
            }
            if (body.equals(challenge)) {
                return true;
            }
            try {
                return challenge.equals(Json.MAPPER.readTree(body).path("challenge").asText(null));
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10); // Adobe's wait for an answer

    private final WebhookKeys keys;
    private final CommerceEventFactory factory;
    private final EventJournal journal;
    private final IntSupplier port;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> validationIds = ConcurrentHashMap.newKeySet();
    private final Set<String> validated = ConcurrentHashMap.newKeySet();
    private volatile int maxAttempts = 3;
    private ExecutorService pusher;
    private Consumer<JournalEntry> subscription;

    WebhookPublisher(WebhookKeys keys, CommerceEventFactory factory, EventJournal journal, IntSupplier port) {
        this.keys = keys;
        this.factory = factory;
        this.journal = journal;
        this.port = port;
    }

    /** How many attempts a delivery answered with 429 or 5xx gets (default 3; 1 = no retry). */
    public WebhookPublisher maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("At least one attempt is needed, not " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /** Sends {@code GET <url>?challenge=<random>} as Adobe does when a registration is made. */
    public Challenge challenge(String url) {
        String value = factory.uuid();
        URI uri = URI.create(url + (url.contains("?") ? "&" : "?") + "challenge=" + value);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
        return response == null ? new Challenge(value, 0, null, null)
                : new Challenge(value, response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /**
     * I/O Events' fallback registration check: POSTs {@code {"challenge": ..., "validationUrl": ...}} to the
     * webhook; the registration counts as validated once the webhook (or anyone) fetches the validation URL, which
     * the simulator serves at {@code http://127.0.0.1:<port>/csm/registrations/validate?id=...}
     * ({@link #validated(String)}).
     *
     * @return the validation URL sent
     */
    public String validateByUrl(String url) {
        String id = factory.uuid();
        validationIds.add(id);
        String validationUrl = "http://127.0.0.1:" + port.getAsInt() + ValidationEndpoint.PATH + "?id=" + id;
        byte[] body = Json.bytes(Json.object().put("challenge", factory.uuid()).put("validationUrl", validationUrl));
        send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        return validationUrl;
    }

    /** Whether the validation URL {@link #validateByUrl(String)} sent has been fetched. */
    public boolean validated(String validationUrl) {
        String id = validationUrl.substring(validationUrl.indexOf("id=") + 3);
        return validated.contains(id);
    }

    /** Delivers one event (a {@link JournalEntry#event()} or a ready-made CloudEvent), signed. */
    public Delivery deliver(String url, ObjectNode event) {
        return post(url, List.of(event), Json.bytes(event), null);
    }

    /** Delivers events as one batch (a JSON array), signed. */
    public Delivery deliverBatch(String url, List<ObjectNode> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("A batch holds at least one event");
        }
        ArrayNode array = Json.array();
        events.forEach(array::add);
        return post(url, events, Json.bytes(array), null);
    }

    /** Delivers one event forged as {@code forgery} says. */
    public Delivery deliverForged(String url, ObjectNode event, Forgery forgery) {
        Objects.requireNonNull(forgery, "forgery");
        ObjectNode body = event;
        if (forgery == Forgery.WRONG_RECIPIENT) {
            body = event.deepCopy().put("recipient_client_id", "another-integration-client-id");
        }
        return post(url, List.of(body), Json.bytes(body), forgery);
    }

    /**
     * Delivers one event whose first signature does not verify (made with a key other than the one its path
     * names) and whose second does: authentic, as either signature suffices (as while Adobe rotates a key).
     */
    public Delivery deliverWithOnlySecondSignatureValid(String url, ObjectNode event) {
        byte[] body = Json.bytes(event);
        Map<String, String> headers = signed(body);
        headers.put("x-adobe-digital-signature-1", keys.sign(WebhookKeys.Slot.ATTACKER, body));
        return attempt(url, List.of(event), body, headers, null);
    }

    /**
     * Pushes every event appended to the journal from now on to {@code url}, in journal order, on a background
     * thread; replaces an earlier subscription.
     */
    public synchronized void subscribe(String url) {
        unsubscribe();
        if (pusher == null) {
            pusher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "accs-sim-webhook-pusher");
                t.setDaemon(true);
                return t;
            });
        }
        ExecutorService executor = pusher;
        subscription = entry -> executor.execute(() -> deliver(url, entry.event()));
        journal.addListener(subscription);
    }

    /** Stops pushing journal events. */
    public synchronized void unsubscribe() {
        if (subscription != null) {
            journal.removeListener(subscription);
            subscription = null;
        }
    }

    /** Every delivery so far, in order. */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** The path of the first or second public key, as sent in {@code x-adobe-public-key1-path} or {@code 2-path}. */
    public String publicKeyPath(int which) {
        return keys.path(which == 1 ? WebhookKeys.Slot.FIRST : WebhookKeys.Slot.SECOND);
    }

    /** Stops pushing and drops queued pushes. */
    @Override
    public synchronized void close() {
        unsubscribe();
        if (pusher != null) {
            pusher.shutdownNow();
        }
    }

    /** The validation endpoint sharing this publisher's ids. */
    ValidationEndpoint validationEndpoint() {
        return new ValidationEndpoint(validationIds, validated);
    }

    private Delivery post(String url, List<ObjectNode> events, byte[] body, Forgery forgery) {
        Map<String, String> headers;
        if (forgery == null || forgery == Forgery.WRONG_RECIPIENT) {
            headers = signed(body);
        } else {
            headers = new LinkedHashMap<>();
            switch (forgery) {
                case BAD_SIGNATURE -> {
                    byte[] other = body.clone();
                    other[other.length / 2] ^= 1;
                    headers.putAll(signed(other));
                }
                case KEY_ON_OTHER_HOST, KEY_HOST_SMUGGLED -> {
                    String path = keys.path(WebhookKeys.Slot.ATTACKER);
                    String keyPath = forgery == Forgery.KEY_ON_OTHER_HOST
                            ? "http://localhost:" + port.getAsInt() + path : "@localhost:" + port.getAsInt() + path;
                    String signature = keys.sign(WebhookKeys.Slot.ATTACKER, body);
                    headers.put("x-adobe-digital-signature-1", signature);
                    headers.put("x-adobe-digital-signature-2", signature);
                    headers.put("x-adobe-public-key1-path", keyPath);
                    headers.put("x-adobe-public-key2-path", keyPath);
                }
                case HMAC_ONLY -> headers.put("x-adobe-signature",
                        Base64.getEncoder().encodeToString(factory.uuid().getBytes(StandardCharsets.UTF_8)));
                default -> {
                    // UNSIGNED: nothing
                }
            }
        }
        return attempt(url, events, body, headers, forgery);
    }

    private Map<String, String> signed(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-adobe-digital-signature-1", keys.sign(WebhookKeys.Slot.FIRST, body));
        headers.put("x-adobe-digital-signature-2", keys.sign(WebhookKeys.Slot.SECOND, body));
        headers.put("x-adobe-public-key1-path", keys.path(WebhookKeys.Slot.FIRST));
        headers.put("x-adobe-public-key2-path", keys.path(WebhookKeys.Slot.SECOND));
        return headers;
    }

    private Delivery attempt(String url, List<ObjectNode> events, byte[] body, Map<String, String> signature,
                             Forgery forgery) {
        JsonNode first = events.get(0);
        String eventId = first.path("event_id").asText(first.path("id").asText());
        List<Integer> statuses = new ArrayList<>();
        String firstDeliveryId = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            String deliveryId = factory.uuid();
            if (firstDeliveryId == null) {
                firstDeliveryId = deliveryId;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("x-adobe-event-id", eventId)
                    .header("x-adobe-delivery-id", deliveryId)
                    .header("x-adobe-event-code", first.path("type").asText())
                    .header("x-adobe-provider", factory.providerId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signature.forEach(request::header);
            if (attempt > 0) {
                request.header("x-adobe-retry-count", String.valueOf(attempt));
            }
            HttpResponse<String> response = send(request.build());
            int status = response == null ? 0 : response.statusCode();
            statuses.add(status);
            if (!retried(status)) {
                break;
            }
            LOG.debug("Webhook delivery {} answered {}; retrying", deliveryId, status);
        }
        Delivery delivery = new Delivery(url, eventId, firstDeliveryId, events.size(), forgery,
                List.copyOf(statuses));
        deliveries.add(delivery);
        return delivery;
    }

    private static boolean retried(int status) {
        return status == 0 || status == 429 || status >= 500 && status != 505;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.debug("Webhook request to {} failed: {}", request.uri(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
