package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.LongAdder;

import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.http.Scheduler;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.metrics.MeterLookup;
import io.camelaccs.metrics.MeterNames;
import io.camelaccs.metrics.Meters;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.sync.ItemVersion;
import io.camelaccs.sync.KeysetCriteria;
import io.camelaccs.sync.LookBack;
import io.camelaccs.sync.RecentDeliveries;
import io.camelaccs.sync.Watermark;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental sync: each poll walks the items changed since the watermark, page by page by keyset, and delivers them
 * (one exchange per item, or per page). The watermark advances only when an exchange completes; a failed exchange
 * ends the poll, and the next poll starts again from it (at-least-once: a crash replays, it never skips). The
 * watermark is written to the state repository once per page (and when a delivery fails, a poll ends or the consumer
 * stops), not once per item: a crash replays at most the page in flight.
 * <p>
 * Late commits and changes that keep their timestamp are found by look-back passes ({@link LookBack}) that re-read a
 * window before the watermark and deliver the item versions they do not recognise ({@link RecentDeliveries}).
 */
public class AccsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AccsConsumer.class);

    private final Calls calls = new Calls();
    /** Exchange property holding the watermark an exchange commits when it completes. */
    public static final String WATERMARK_PROPERTY = AccsConstants.WATERMARK;

    private final AccsEndpointConfiguration conf;
    private final KeysetCriteria keyset;
    private final String idItemFallback;
    private RequestFactory requests;
    private ResponseMapper responses;
    private SearchCriteria baseCriteria;
    private StateRepository<String, String> state;
    private boolean ownState;
    private String key;
    private Scheduler scheduler;
    private LookBack lookBack;
    private RecentDeliveries recent;
    private boolean failedThisPoll;
    /** The position of the last completed exchange: commits compare with it instead of re-reading the repository. */
    private volatile Watermark committed;
    /** The watermark as last read from or written to the repository. */
    private volatile Watermark stored;
    private volatile Instant lastSuccessfulPoll;
    private PollFailures pollFailures;
    /** Items whose exchange completed, for the meters. */
    private final LongAdder itemsDelivered = new LongAdder();
    /** When the last poll that walked to the end of the changes began (the consumer's start before one did). */
    private volatile Instant caughtUpAt;
    private Meters meters = Meters.NONE;

    public AccsConsumer(AccsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.conf = endpoint.getConfiguration();
        EntityIdField id = EntityIdField.of(endpoint.getPath(), conf.getIdField())
                .orElseGet(() -> EntityIdField.of(endpoint.getPath(), defaultIdField(endpoint.getPath())).orElseThrow());
        this.keyset = new KeysetCriteria(conf.getIncrementalField(), id.field(), conf.getPageSize());
        this.idItemFallback = id.itemFields().size() > 1 ? id.itemFields().get(1) : null;
        setMaxMessagesPerPoll(conf.getMaxMessagesPerPoll());
    }

    /** For a resource whose id field is not known: entity_id, or sku for source items (which have no id). */
    static String defaultIdField(String path) {
        return path.startsWith("/V1/inventory/source-items") ? "sku" : "entity_id";
    }

    @Override
    public AccsEndpoint getEndpoint() {
        return (AccsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        AccsEndpoint endpoint = getEndpoint();
        requireSyncIdWithAPersistentRepository();
        if (conf.getLookBackMemory() < 1) {
            throw new IllegalArgumentException("Option lookBackMemory must be at least 1 (items the look-back recognises),"
                                               + " but was " + conf.getLookBackMemory());
        }
        requests = new RequestFactory(endpoint);
        responses = new ResponseMapper(endpoint.jsonBodies(), conf);
        baseCriteria = endpoint.searchCriteriaFactory().create(endpoint.createExchange());
        state = conf.getStateRepository();
        if (state == null) {
            state = new MemoryStateRepository();
            ownState = true;
        }
        ServiceHelper.startService(state);
        key = "accs:" + syncKey();
        scheduler = endpoint.client().scheduler();
        recent = new RecentDeliveries(conf.getLookBackMemory());
        lookBack = new LookBack(Duration.ofMillis(conf.getIncrementalOverlap()), scheduler.clock());
        String storedText = state.getState(key);
        lookBack.started(storedText != null ? Watermark.parse(storedText) : storedWatermark(), storedText != null);
        if (getExceptionHandler() instanceof PollFailures started) {
            // a restarted route: keep counting where the handler in place counts
            pollFailures = started;
        } else {
            pollFailures = new PollFailures(getEndpoint().getPath(), getExceptionHandler());
            if (getExceptionHandler() instanceof LoggingExceptionHandler) {
                // Camel's default logs every failed poll with its stack trace: an hour's outage would flood the log
                setExceptionHandler(pollFailures);
            }
        }
        calls.open();
        super.doStart();
        caughtUpAt = scheduler.now();
        meters = MeterLookup.find(getEndpoint().getCamelContext()).scope(Map.of("routeId",
                getRouteId() != null ? getRouteId() : "", "resource", endpoint.resourceTemplate()));
        meters.counter(MeterNames.CONSUMER_ITEMS, "Items the incremental consumer delivered (their exchange completed)",
                Map.of(), itemsDelivered, LongAdder::sum);
        meters.gauge(MeterNames.CONSUMER_LAG, "Seconds since the consumer last walked to the end of the changes",
                "seconds", Map.of(), this, AccsConsumer::lagSeconds);
    }

    @Override
    protected void doBuild() throws Exception {
        if (getHealthCheck() == null) {
            // Camel's check and id (consumer:<route id>), with the sync's details also while it is UP
            setHealthCheck(new SyncHealthCheck(this, "consumer:" + getRouteId()));
        }
        super.doBuild();
    }

    /** Where the sync stands, for its health check: never a credential. */
    Map<String, Object> describeSync() {
        Map<String, Object> details = new LinkedHashMap<>();
        // what is known in memory: a probe never reads the state repository (a database, behind master)
        Watermark known = committed != null ? committed : stored;
        if (known != null) {
            details.put("accs.watermark", known.format());
        }
        Instant last = lastSuccessfulPoll;
        details.put("accs.last.successful.poll", last == null ? "never" : last.toString());
        details.put("accs.items.delivered", itemsDelivered.sum());
        if (scheduler != null) {
            details.put("accs.lag.seconds", (long) lagSeconds());
        }
        return details;
    }

    /** Seconds since the last poll that walked to the end of the changes began: how far behind Commerce it may be. */
    double lagSeconds() {
        Instant at = caughtUpAt;
        return at == null ? 0 : Duration.between(at, scheduler.now()).toMillis() / 1000.0;
    }

    /**
     * A watermark kept across restarts needs a key of the user's own: a route id that Camel generated ("route3") changes
     * when a route is added or the routes are reordered, and the sync would then start again from {@code since} or
     * resume another sync's watermark.
     */
    private void requireSyncIdWithAPersistentRepository() {
        StateRepository<String, String> configured = conf.getStateRepository();
        if (conf.getSyncId() == null && configured != null && !(configured instanceof MemoryStateRepository)) {
            throw new IllegalArgumentException(
                    "Option syncId is required on " + getEndpoint().getPath() + " with stateRepository (a "
                                               + configured.getClass().getSimpleName() + "): the watermark is kept under"
                                               + " accs:<syncId>, and without one its key would follow the route id,"
                                               + " which changes when routes are added or reordered, so the sync would"
                                               + " start again from since or resume another sync's watermark. Set"
                                               + " syncId to a name of your own (the same on every node behind master:),"
                                               + " for example syncId=orders");
        }
    }

    /**
     * The watermark's key: syncId, else the route id when the user gave it, else the operation and filter (behind
     * master: a consumer has no route id of its own; a generated route id would change when routes are added).
     */
    private String syncKey() {
        if (conf.getSyncId() != null) {
            return conf.getSyncId();
        }
        String routeId = getRouteId();
        Route route = routeId != null ? getEndpoint().getCamelContext().getRoute(routeId) : null;
        if (route != null && route.isCustomId()) {
            return routeId;
        }
        String derived = getEndpoint().getPath() + (conf.getFilter() != null ? "?" + conf.getFilter() : "");
        LOG.info("No syncId and no route id of your own for the sync of {}: the watermark is kept under '{}'; set syncId"
                 + " to name it", getEndpoint().getPath(), derived);
        return derived;
    }

    /**
     * A stopping route suspends its consumer first, then waits while a poll is under way: a poll waiting out a
     * Retry-After ends here, or the stop would wait for the pause. Its items come at the next poll, from the watermark.
     */
    @Override
    protected void doSuspend() throws Exception {
        calls.stop("the consumer of " + getEndpoint().getPath() + " is stopping");
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        calls.open();
        super.doResume();
    }

    @Override
    protected void doStop() throws Exception {
        // a poll waiting out a Retry-After ends now, not when the pause is over
        calls.stop("the consumer of " + getEndpoint().getPath() + " stopped");
        meters.close();
        meters = Meters.NONE;
        super.doStop();
        // a graceful stop keeps the position of every exchange that completed
        writeWatermark();
        if (ownState) {
            ServiceHelper.stopService(state);
        }
    }

    /** The watermark the next poll starts from. */
    public Watermark committedWatermark() {
        Watermark known = committed;
        return known != null ? known : storedWatermark();
    }

    private Watermark storedWatermark() {
        String stored = state.getState(key);
        return stored != null ? Watermark.parse(stored) : new Watermark(conf.getSince(), null);
    }

    @Override
    protected int poll() throws Exception {
        try {
            int delivered = pollPages();
            lastSuccessfulPoll = getEndpoint().client().scheduler().now();
            pollFailures.succeeded();
            return delivered;
        } catch (AccsStoppedException e) {
            // the consumer is stopping: the items of this poll come at the next start, from the watermark
            LOG.debug("Poll of {} ended by the stop: {}", getEndpoint().getPath(), e.getMessage());
            return 0;
        } catch (Exception e) {
            pollFailures.failed();
            // Camel's consumer health check shows these with the error until a poll succeeds again
            addLastErrorDetail("accs.watermark", committedWatermark().format());
            addLastErrorDetail("accs.last.successful.poll", lastSuccessfulPoll == null ? "never" : lastSuccessfulPoll.toString());
            throw e;
        }
    }

    private int pollPages() throws Exception {
        failedThisPoll = false;
        Instant pollStart = scheduler.now();
        TokenProvider tokens = getEndpoint().tokenProvider(null);
        // read once a poll: behind master: another node may have advanced the shared repository meanwhile
        stored = storedWatermark();
        committed = stored;
        Watermark position = lookBack.startOf(committed);
        if (lookBack.isPassing() && LOG.isDebugEnabled()) {
            LOG.debug("Look-back pass over {} from {} (watermark {})", getEndpoint().getPath(), position, committed);
        }
        boolean remember = lookBack.isEnabled();
        int delivered = 0;
        int limit = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        boolean walkedToEnd = false;
        try {
            while (isRunAllowed() && !failedThisPoll && delivered < limit) {
                CommerceRequest request = requests.createForPoll(keyset.after(baseCriteria, position));
                HttpReply reply = getEndpoint().client().send(request, tokens, calls);
                // the settle clock starts when the answer arrived, after any retry: a search answered after a 429
                // pause may hold items stamped during the pause
                Instant arrived = scheduler.now();
                // fingerprints only where a look-back will compare them
                ResponseMapper.FingerprintedItems page = remember ? responses.fingerprintedItems(reply, request)
                        : new ResponseMapper.FingerprintedItems(responses.page(reply, request).items(), null);
                List<Object> items = page.items();
                Queue<Object> deliveries = new ArrayDeque<>();
                List<Object> pageItems = new ArrayList<>();
                List<ItemVersion> pageVersions = new ArrayList<>();
                Watermark last = null;
                Watermark newest = null;
                boolean cut = false;
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    Watermark at = positionOf(item);
                    newest = at;
                    ItemVersion version = remember ? ItemVersion.of(at, page.fingerprints()[i]) : null;
                    if (version != null && recent.isKnown(version)) {
                        // a pass re-reading a change it delivered, unchanged
                        position = at;
                        continue;
                    }
                    if (conf.isSplitResult()) {
                        if (deliveries.size() + delivered >= limit) {
                            cut = true;
                            break;
                        }
                        deliveries.add(new Delivery(exchange(item, at), at, version == null ? List.of() : List.of(version), 1));
                    } else {
                        pageItems.add(item);
                        if (version != null) {
                            pageVersions.add(version);
                        }
                        last = at;
                    }
                    position = at;
                }
                if (!conf.isSplitResult() && !pageItems.isEmpty()) {
                    deliveries.add(new Delivery(exchange(pageItems, last), last, pageVersions, pageItems.size()));
                }
                if (newest != null) {
                    lookBack.answered(arrived, newest, !deliveries.isEmpty());
                }
                int queued = deliveries.size();
                int processed = processBatch(deliveries);
                delivered += processed;
                // one write per page, not per item
                writeWatermark();
                if (cut || failedThisPoll || processed < queued) {
                    // a pass continues with this page at the next poll; its completed items are recognised then
                    break;
                }
                lookBack.handledThrough(position);
                if (recent.isNearlyFull() && !lookBack.isPassing()) {
                    recent.forgetBefore(lookBack.unlikelyToBeReadBefore());
                }
                if (items.size() < conf.getPageSize()) {
                    walkedToEnd = isRunAllowed();
                    break;
                }
            }
        } finally {
            writeWatermark();
        }
        if (walkedToEnd) {
            caughtUpAt = pollStart;
        }
        if (walkedToEnd && lookBack.isPassing()) {
            lookBack.walkedToEnd();
            // a long sync must not remember every item: only those a later pass can meet again
            recent.forgetBefore(lookBack.earliestStart());
            LOG.debug("Look-back pass over {} complete; {} item versions remembered, {} forgotten for capacity so far",
                    getEndpoint().getPath(), recent.size(), recent.forgottenForCapacity());
        }
        return delivered;
    }

    /**
     * Stores the position of the last completed exchange, when it moved. Called after each page, at the end of a
     * poll, and at stop (from the thread stopping the route, hence synchronized).
     */
    private synchronized void writeWatermark() {
        Watermark at = committed;
        if (at != null && state != null && (stored == null || at.compareTo(stored) > 0)) {
            state.setState(key, at.format());
            stored = at;
        }
    }

    private Exchange exchange(Object body, Watermark at) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(body);
        exchange.setProperty(WATERMARK_PROPERTY, at.format());
        return exchange;
    }

    /** An exchange of one item or one page, its position, and the item versions it delivers when it completes. */
    private record Delivery(Exchange exchange, Watermark at, List<ItemVersion> versions, int items) {
    }

    private Watermark positionOf(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalStateException("A search item is not a JSON object: " + item);
        }
        Object value = map.get(keyset.field());
        if (value == null) {
            throw new IllegalStateException("An item of " + getEndpoint().getPath() + " has no field '" + keyset.field()
                                            + "': choose an incrementalField the resource returns");
        }
        Object id = map.get(keyset.idField());
        if (id == null && idItemFallback != null) {
            id = map.get(idItemFallback);
        }
        if (id == null) {
            throw new IllegalStateException("An item of " + getEndpoint().getPath() + " has no field '" + keyset.idField()
                                            + "': set option idField to the resource's entity id field");
        }
        return new Watermark(value.toString(), id.toString());
    }

    /**
     * Delivers the page's exchanges in order, each carried by a {@link Delivery}, until one fails.
     */
    @Override
    public int processBatch(Queue<Object> deliveries) throws Exception {
        int total = deliveries.size();
        int done = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Delivery delivery = (Delivery) deliveries.poll();
            Exchange exchange = delivery.exchange();
            exchange.setProperty(Exchange.BATCH_INDEX, index);
            exchange.setProperty(Exchange.BATCH_SIZE, total);
            exchange.setProperty(Exchange.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.isFailed() || exchange.isRollbackOnly()) {
                failedThisPoll = true;
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Delivery failed; the sync resumes from watermark "
                                                          + committedWatermark() + " at the next poll", exchange,
                            exchange.getException());
                }
                releaseExchange(exchange, false);
                // the failed exchange was delivered too: the poll is not idle
                done++;
                break;
            }
            commit(delivery);
            done++;
            releaseExchange(exchange, false);
        }
        pendingExchanges = 0;
        return done;
    }

    private void commit(Delivery delivery) {
        if (delivery.at().compareTo(committed) > 0) {
            committed = delivery.at();
        }
        for (ItemVersion version : delivery.versions()) {
            recent.remember(version);
        }
        itemsDelivered.add(delivery.items());
        LOG.trace("Committed watermark {}", delivery.at());
    }
}
