package io.camelaccs.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * journal is read again from the oldest event it keeps.
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
                endpoint.effective().getOrgId());
        state = conf.getStateRepository();
        if (state == null) {
            state = new MemoryStateRepository();
            ownState = true;
        }
        ServiceHelper.startService(state);
        key = "accs-events:" + syncKey();
        delivery = new EventDelivery(new EventTypeFilter(conf.getEventTypes()), endpoint.idempotentRepository(), metrics,
                clock);
        endpoint.getComponent().register(this);
        super.doStart();
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
            // Camel's consumer health check shows these with the error until a poll succeeds again
            addLastErrorDetail("accs.events.position", String.valueOf(committed));
            addLastErrorDetail("accs.events.next.request", String.valueOf(notBefore));
            throw e;
        }
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
                    EventDelivery.Outcome outcome = delivery.deliver(this, entry.event(), entry.position(),
                            () -> commit(entry.position()));
                    if (outcome == EventDelivery.Outcome.FAILED) {
                        // the next poll starts again after the last committed position: this event comes first,
                        // after a pause that grows while it keeps failing
                        resumeUrl = null;
                        int failures = ++exchangeFailuresInRow;
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
                        delivered++;
                    }
                    last = entry.position();
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
                url = withLimit(conf.getJournalUrl(), null);
                resumeUrl = null;
                continue;
            }
            Duration asked = retryAfter(reply);
            if (asked != null) {
                notBefore = clock.instant().plus(asked);
            }
            throw new AccsEventsException("The journal " + conf.getJournalUrl() + " answered HTTP " + status
                                          + describe(reply), status);
        }
        return delivered;
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
        lostWindow = "after position " + expired + (lastTime != null ? " (last event delivered: " + lastTime + ")" : "")
                     + " up to the oldest event the journal keeps";
        String message = "Commerce events were LOST to the journal's retention: position " + expired
                         + (lastTime != null ? " (event time " + lastTime + ")" : "")
                         + " has expired (HTTP 410" + describe(reply) + "). Every event " + lostWindow
                         + " was never delivered; reading again from the oldest event kept. Reconcile with a full"
                         + " export (fetchAll) if the mirror must be exact";
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
            return withLimit(conf.getJournalUrl(), null);
        }
        return withLimit(conf.getJournalUrl(), start.query());
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
        d.put("lastSuccessfulPoll", lastSuccessfulPoll == null ? null : lastSuccessfulPoll.toString());
        if (lostWindow != null) {
            d.put("lostWindow", lostWindow);
        }
        return d;
    }

    @Override
    public boolean isFailing() {
        return failuresInRow > 0;
    }

    @Override
    public String routeId() {
        return getRouteId();
    }
}
