package io.camelaccs.events;

import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.camelaccs.http.Backoff;
import io.camelaccs.http.HttpReply;
import org.apache.camel.Processor;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the I/O Events journal: each poll continues from the stored position, follows {@code Link rel=next} page by
 * page, and delivers one exchange per event. The position advances only when an event's exchange succeeded (not
 * failed, not rollback-only), or the event is skipped as a duplicate or another type; a failed exchange ends the poll,
 * and the next poll reads again from the event that failed (at-least-once). An event another consumer on the same
 * idempotent repository is running ends the poll the same way, without counting as a failure. When caught up, the
 * journal's {@code retry-after} decides when the next request goes out, up to {@code maxRetryAfter}; after a 429, a
 * 5xx or an I/O error, a growing backoff does. A position past the retention (410) is reported once, loudly, and the
 * journal is read again from the oldest event it keeps (the latest, with {@code since=latest}).
 * <p>
 * Being stuck shows: the health check is DOWN after {@code failureThreshold} failed polls or failed exchanges of one
 * event in a row, and at once when a poll timed out waiting (for a token: {@code tokenTimeout}) or the journal refuses
 * the stored position (400), which is reported with how to reset it. An entry that is not an event goes to the
 * route's error handler as a failed exchange, so that a dead letter channel moves the journal past it.
 * <p>
 * The position is stored under {@code accs-events:<syncId>:<hash of journalUrl>}, so that a syncId reused for another
 * registration never starts from a foreign position; one stored under the earlier key {@code accs-events:<syncId>} is
 * read once and moved.
 */
final class JournalConsumer extends ScheduledPollConsumer implements EventsConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JournalConsumer.class);
    /** What Adobe's own client waits when the journal is caught up and names no retry-after. */
    static final Duration DEFAULT_IDLE_WAIT = Duration.ofSeconds(2);

    private final AccsEventsConfiguration conf;
    private final JournalStart start;
    private final EventsMetrics metrics = new EventsMetrics();
    private final Clock clock;
    private final Backoff backoff;
    private final Duration maxRetryAfter;
    private StateRepository<String, String> state;
    private boolean ownState;
    private String key;
    private EventDelivery delivery;
    private JournalClient client;

    /** The position of the last event done with, as stored; null before the first. */
    private volatile String committed;
    /** Where the next poll continues: the last next link followed, or null to start from the stored position. */
    private volatile String resumeUrl;
    /** No request before this instant (retry-after, backoff). */
    private volatile Instant notBefore;
    private volatile int failuresInRow;
    /** Exchanges that failed in a row on the same event: a poison event is retried with growing pauses. */
    private volatile int exchangeFailuresInRow;
    /** Polls in a row that stopped at an event another consumer was running. */
    private volatile int inFlightInRow;
    private volatile Instant lastSuccessfulPoll;
    /** A stored position the journal said had expired: it is not asked for again. */
    private volatile String expiredPosition;
    private volatile String lostWindow;
    /** The event (or malformed entry) the exchanges in a row failed on: its id, and its position. */
    private volatile String failingEventId;
    private volatile String failingPosition;
    /** Why the consumer is stuck without waiting for failureThreshold (a timeout, a refused position), or null. */
    private volatile String stuck;
    /** A stored position the journal refused (400): reported loudly once. */
    private volatile String refusedPosition;

    JournalConsumer(AccsEventsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.conf = endpoint.getConfiguration();
        this.start = JournalStart.parse(conf.getSince());
        this.clock = endpoint.getComponent().clock();
        this.backoff = new Backoff(Duration.ofMillis(conf.getRetryDelay()), Duration.ofMillis(conf.getMaxRetryDelay()));
        this.maxRetryAfter = Duration.ofMillis(conf.getMaxRetryAfter());
    }

    @Override
    public AccsEventsEndpoint getEndpoint() {
        return (AccsEventsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        AccsEventsEndpoint endpoint = getEndpoint();
        client = new JournalClient(endpoint.transport(), endpoint.tokenProvider(), endpoint.effective().getClientId(),
                endpoint.effective().getOrgId(), Duration.ofMillis(endpoint.effective().getTokenTimeout()));
        state = conf.getStateRepository();
        if (state == null) {
            state = new MemoryStateRepository();
            ownState = true;
        }
        ServiceHelper.startService(state);
        key = stateKey(syncKey(), conf.getJournalUrl());
        migrateLegacyKey("accs-events:" + syncKey());
        delivery = new EventDelivery(new EventTypeFilter(conf.getEventTypes()), endpoint.idempotentRepository(), metrics,
                clock);
        // the lag counts from the start until the journal's end is first reached
        metrics.caughtUp(clock.instant());
        endpoint.getComponent().register(this);
        super.doStart();
    }

    /**
     * Where the position of this journal is stored: the sync id and a short hash of the journal URL, so that the same
     * syncId pointed at another registration starts afresh (as since says) instead of asking that journal for a
     * position of another one.
     */
    static String stateKey(String syncKey, String journalUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(journalUrl.trim().getBytes(StandardCharsets.UTF_8));
            return "accs-events:" + syncKey + ":" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A position stored by an earlier version, under the key without the journal's hash, is read once: moved to the
     * new key and blanked, so that a consumer of another journal started later under the same syncId does not take it
     * for its own. Existing users thus go on from where they were rather than from since.
     */
    private void migrateLegacyKey(String legacyKey) {
        String current = state.getState(key);
        if (current != null && !current.isEmpty()) {
            return;
        }
        String legacy = state.getState(legacyKey);
        if (legacy == null || legacy.isEmpty()) {
            return;
        }
        state.setState(key, legacy);
        state.setState(legacyKey, "");
        LOG.info("Moved journal position {} from state key {} to {}: the key now names the journal URL", legacy,
                legacyKey, key);
    }

    private String syncKey() {
        if (conf.getSyncId() != null) {
            return conf.getSyncId();
        }
        if (getRouteId() != null) {
            return getRouteId();
        }
        return conf.getJournalUrl();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getEndpoint().getComponent().unregister(this);
        if (ownState) {
            ServiceHelper.stopService(state);
        }
    }

    @Override
    protected int poll() throws Exception {
        Instant now = clock.instant();
        Instant wait = notBefore;
        if (wait != null && now.isBefore(wait)) {
            return 0;
        }
        try {
            int delivered = readJournal();
            failuresInRow = 0;
            stuck = null;
            // a position refused again later, after a reset, is reported again
            refusedPosition = null;
            lastSuccessfulPoll = clock.instant();
            return delivered;
        } catch (Exception e) {
            int failures = ++failuresInRow;
            Instant after = clock.instant();
            Instant asked = notBefore;
            if (asked == null || !asked.isAfter(after)) {
                notBefore = after.plus(backoff.delay(failures));
            }
            metrics.error(e.getMessage(), after);
            stuck = stuckAtOnce(e);
            // Camel's consumer health check shows these with the error until a poll succeeds again
            addLastErrorDetail("accs.events.position", String.valueOf(committed));
            addLastErrorDetail("accs.events.next.request", String.valueOf(notBefore));
            throw e;
        }
    }

    /**
     * Why this failure makes the consumer stuck at once rather than after failureThreshold of them, or null: a wait
     * that ran out (tokenTimeout, readTimeout) was already the grace, and a refused position cannot heal by itself.
     */
    private static String stuckAtOnce(Exception e) {
        if (e instanceof PositionRefusedException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JournalClient.TokenTimeoutException) {
                return t.getMessage();
            }
            if (t instanceof InterruptedIOException) {
                return "The journal's last request timed out: " + t.getMessage();
            }
        }
        return null;
    }

    private int readJournal() throws Exception {
        String stored = state.getState(key);
        committed = stored == null || stored.isEmpty() ? null : stored;
        String url = resumeUrl != null ? resumeUrl : startUrl();
        boolean restartedFromOldest = false;
        int delivered = 0;
        while (isRunAllowed()) {
            HttpReply reply = client.get(url);
            int status = reply.status();
            if (status == 200) {
                List<JournalPage.Entry> entries = JournalPage.events(reply.body());
                String last = null;
                for (JournalPage.Entry entry : entries) {
                    if (!isRunAllowed()) {
                        resumeUrl = null;
                        return delivered;
                    }
                    EventDelivery.Outcome outcome = deliver(entry, last);
                    if (outcome == EventDelivery.Outcome.FAILED) {
                        // the next poll starts again after the last committed position: this event comes first,
                        // after a pause that grows while it keeps failing
                        resumeUrl = null;
                        int failures = failedAgain(entry, last);
                        notBefore = clock.instant().plus(backoff.delay(failures));
                        return delivered + 1;
                    }
                    if (outcome == EventDelivery.Outcome.IN_FLIGHT) {
                        // another consumer on the same idempotent repository (a webhook) is running this event: not
                        // done yet, so the position stays; once it completed, the next poll drops it as a duplicate,
                        // and if it failed, runs it here
                        resumeUrl = null;
                        notBefore = clock.instant().plus(backoff.delay(++inFlightInRow));
                        return delivered;
                    }
                    inFlightInRow = 0;
                    if (outcome == EventDelivery.Outcome.DELIVERED) {
                        exchangeFailuresInRow = 0;
                        failingEventId = null;
                        failingPosition = null;
                        delivered++;
                    }
                    if (entry.position() != null) {
                        last = entry.position();
                    }
                }
                String next = JournalPage.nextLink(reply.header("link"), url);
                if (next == null && last != null) {
                    next = sinceUrl(last);
                }
                if (entries.isEmpty() || next == null || next.equals(url)) {
                    // nothing new, or a journal that sends us back where we were: wait rather than spin
                    if (next != null) {
                        resumeUrl = next;
                    }
                    notBefore = clock.instant().plus(DEFAULT_IDLE_WAIT);
                    break;
                }
                url = next;
                resumeUrl = next;
                continue;
            }
            if (status == 204) {
                caughtUp(reply, url);
                break;
            }
            if (status == 410 && !restartedFromOldest) {
                reportLostEvents(reply);
                restartedFromOldest = true;
                url = restartUrl();
                resumeUrl = null;
                continue;
            }
            String asked = JournalPage.queryParameter(url, "since");
            if (status == 400 && asked != null) {
                resumeUrl = null;
                throw positionRefused(asked, reply);
            }
            Duration pause = retryAfter(reply);
            if (pause != null) {
                notBefore = clock.instant().plus(pause);
            }
            throw new AccsEventsException("The journal " + conf.getJournalUrl() + " answered HTTP " + status
                                          + describe(reply), status);
        }
        return delivered;
    }

    /** Delivers one entry of a page: an event, or a malformed entry to the route's error handler. */
    private EventDelivery.Outcome deliver(JournalPage.Entry entry, String previous) {
        if (!entry.isMalformed()) {
            return delivery.deliver(this, entry.event(), entry.position(), () -> commit(entry.position()));
        }
        String where = entry.position() != null ? "at position " + entry.position()
                : "after position " + (previous != null ? previous : committed) + " (it has none)";
        AccsEventsException problem = new AccsEventsException("The journal entry " + where + " of " + conf.getJournalUrl()
                                                              + " is not an event: " + entry.problem()
                                                              + ". Its content is not shown (it may hold customer data);"
                                                              + " a dead letter channel or a handled onException moves"
                                                              + " the journal past it", 200);
        // without a position it cannot be stored: the next entry's position moves the journal past it
        return delivery.deliverMalformed(this, problem, entry.position(),
                entry.position() != null ? () -> commit(entry.position()) : () -> {
                });
    }

    /** Counts a failed exchange, in a row for the same event only; returns the count. */
    private int failedAgain(JournalPage.Entry entry, String previous) {
        String id = entry.event() != null ? entry.event().id() : null;
        String position = entry.position() != null ? entry.position()
                : "after " + (previous != null ? previous : committed);
        boolean same = Objects.equals(position, failingPosition) && Objects.equals(id, failingEventId);
        failingEventId = id;
        failingPosition = position;
        exchangeFailuresInRow = same ? exchangeFailuresInRow + 1 : 1;
        return exchangeFailuresInRow;
    }

    /**
     * The journal refused the position asked for (400): not a position of this journal, typically one stored for
     * another registration under the same key. Asking again cannot cure it, so it is said loudly, once, with the fix.
     */
    private AccsEventsException positionRefused(String position, HttpReply reply) {
        String message = "The journal " + conf.getJournalUrl() + " refused position " + position + " (HTTP 400"
                         + describe(reply) + "): it is not a position of this journal. It is stored in the"
                         + " stateRepository under key '" + key + "'. To start again, remove that key from the"
                         + " stateRepository (or give another syncId): the consumer then starts as option since says"
                         + " (now '" + conf.getSince() + "'; set since=latest, oldest or a duration such as -PT2H)";
        if (!position.equals(refusedPosition)) {
            refusedPosition = position;
            LOG.error(message);
        }
        return new PositionRefusedException(message);
    }

    /** The journal refused a position: the consumer is stuck until someone resets it. */
    private static final class PositionRefusedException extends AccsEventsException {
        private static final long serialVersionUID = 1L;

        PositionRefusedException(String message) {
            super(message, 400);
        }
    }

    /**
     * The pause the journal's {@code retry-after} asks for, cut to {@code maxRetryAfter}: a wrong or hostile value (a
     * date years ahead) must not stop the consumer while health says nothing. Null when the journal named none.
     */
    private Duration retryAfter(HttpReply reply) {
        Duration asked = Backoff.retryAfter(reply.header("retry-after"), clock);
        if (asked == null || asked.compareTo(maxRetryAfter) <= 0) {
            return asked;
        }
        LOG.warn("The journal {} asked to wait {} (retry-after); waiting maxRetryAfter ({}) instead", conf.getJournalUrl(),
                asked, maxRetryAfter);
        return maxRetryAfter;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** End of the journal: wait as it says, and continue from its next link. */
    private void caughtUp(HttpReply reply, String url) {
        metrics.caughtUp(clock.instant());
        Duration pause = retryAfter(reply);
        notBefore = clock.instant().plus(pause != null ? pause : min(DEFAULT_IDLE_WAIT, maxRetryAfter));
        String next = JournalPage.nextLink(reply.header("link"), url);
        resumeUrl = next != null ? next : url;
        if (next != null && committed == null) {
            // from latest or a seek: remember where "now" was, so a restart does not skip what comes meanwhile
            String since = JournalPage.queryParameter(next, "since");
            if (since != null) {
                commit(since);
            }
        }
    }

    private void reportLostEvents(HttpReply reply) {
        String expired = committed;
        expiredPosition = expired;
        committed = null;
        String lastTime = metrics.lastEventTime();
        boolean latest = start == JournalStart.LATEST;
        lostWindow = "after position " + expired + (lastTime != null ? " (last event delivered: " + lastTime + ")" : "")
                     + (latest ? " up to now" : " up to the oldest event the journal keeps");
        String message = "Commerce events were LOST to the journal's retention: position " + expired
                         + (lastTime != null ? " (event time " + lastTime + ")" : "")
                         + " has expired (HTTP 410" + describe(reply) + "). Every event " + lostWindow
                         + " was never delivered; reading again from "
                         + (latest ? "the latest event (since=latest): the events the journal still keeps are skipped"
                                 : "the oldest event kept")
                         + ". Reconcile with a full export (fetchAll) if the mirror must be exact";
        metrics.error(message, clock.instant());
        AccsEventsException lost = new AccsEventsException(message, 410);
        LOG.error(message);
        if (!(getExceptionHandler() instanceof LoggingExceptionHandler)) {
            // a bridge to the route's error handler, or the user's own handler, gets it too (to alert someone)
            getExceptionHandler().handleException(message, lost);
        }
    }

    private void commit(String position) {
        state.setState(key, position);
        committed = position;
    }

    /** Where a poll starts without a next link: after the stored position, else as option since says. */
    private String startUrl() {
        String position = committed;
        if (position != null && !position.equals(expiredPosition)) {
            return sinceUrl(position);
        }
        if (expiredPosition != null) {
            return restartUrl();
        }
        return withLimit(conf.getJournalUrl(), start.query());
    }

    /** After a 410: from the oldest event kept, or the latest when since=latest asks for that (a seek is not redone). */
    private String restartUrl() {
        return withLimit(conf.getJournalUrl(), start == JournalStart.LATEST ? start.query() : null);
    }

    private String sinceUrl(String position) {
        return withLimit(conf.getJournalUrl(), "since=" + URLEncoder.encode(position, StandardCharsets.UTF_8));
    }

    private String withLimit(String url, String query) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.indexOf('?') < 0 ? '?' : '&';
        if (query != null) {
            sb.append(sep).append(query);
            sep = '&';
        }
        if (conf.getLimit() != null) {
            sb.append(sep).append("limit=").append(conf.getLimit());
        }
        return sb.toString();
    }

    private static String describe(HttpReply reply) {
        String body = reply.bodyAsString();
        String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
        String debugId = reply.debugId();
        return (text.isBlank() ? "" : ": " + text.strip()) + (debugId != null ? " [x-request-id " + debugId + "]" : "");
    }

    @Override
    public EventsMetrics metrics() {
        return metrics;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "journal");
        d.put("journalUrl", conf.getJournalUrl());
        d.put("position", committed);
        d.put("nextRequestNotBefore", notBefore == null ? null : notBefore.toString());
        d.put("failuresInRow", failuresInRow);
        d.put("eventFailuresInRow", exchangeFailuresInRow);
        if (exchangeFailuresInRow > 0) {
            d.put("failingEventId", failingEventId);
            d.put("failingPosition", failingPosition);
        }
        d.put("lastSuccessfulPoll", lastSuccessfulPoll == null ? null : lastSuccessfulPoll.toString());
        if (lostWindow != null) {
            d.put("lostWindow", lostWindow);
        }
        return d;
    }

    @Override
    public String downReason() {
        String now = stuck;
        if (now != null) {
            return now;
        }
        int threshold = conf.getFailureThreshold();
        int polls = failuresInRow;
        if (polls >= threshold) {
            return "The journal's last " + polls + " polls failed (failureThreshold " + threshold + "); the last: "
                   + metrics.lastError();
        }
        int exchanges = exchangeFailuresInRow;
        if (exchanges >= threshold) {
            return (failingEventId != null ? "Event " + failingEventId : "A journal entry that is not an event")
                   + " at position " + failingPosition + " failed " + exchanges + " times in a row (failureThreshold "
                   + threshold + "): the journal does not move past it until its exchange succeeds or an error handler"
                   + " takes it (a dead letter channel)";
        }
        return null;
    }

    @Override
    public String routeId() {
        return getRouteId();
    }
}
