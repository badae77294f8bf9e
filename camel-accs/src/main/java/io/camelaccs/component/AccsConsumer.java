package io.camelaccs.component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.sync.KeysetCriteria;
import io.camelaccs.sync.RecentDeliveries;
import io.camelaccs.sync.Watermark;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
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
 */
public class AccsConsumer extends ScheduledBatchPollingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AccsConsumer.class);

    private final Calls calls = new Calls();
    /** Exchange property holding the watermark an exchange commits when it completes. */
    public static final String WATERMARK_PROPERTY = AccsConstants.WATERMARK;
    /** With splitResult=false: the positions of a page's items, remembered when the page completes. */
    private static final String PAGE_POSITIONS = AccsConstants.PAGE_POSITIONS;

    private final AccsEndpointConfiguration conf;
    private final KeysetCriteria keyset;
    private final String idItemFallback;
    private RequestFactory requests;
    private ResponseMapper responses;
    private SearchCriteria baseCriteria;
    private StateRepository<String, String> state;
    private boolean ownState;
    private String key;
    private RecentDeliveries recent;
    private boolean failedThisPoll;
    /** The position of the last completed exchange: commits compare with it instead of re-reading the repository. */
    private volatile Watermark committed;
    /** The watermark as last read from or written to the repository. */
    private volatile Watermark stored;
    private volatile Instant lastSuccessfulPoll;
    private PollFailures pollFailures;

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
        recent = new RecentDeliveries(Duration.ofMillis(conf.getIncrementalOverlap()));
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
    }

    /**
     * The watermark's key: syncId, else the route id; behind master: a consumer has no route id of its own, so the
     * operation and filter name it, the same on every node.
     */
    private String syncKey() {
        if (conf.getSyncId() != null) {
            return conf.getSyncId();
        }
        if (getRouteId() != null) {
            return getRouteId();
        }
        String derived = getEndpoint().getPath() + (conf.getFilter() != null ? "?" + conf.getFilter() : "");
        LOG.info("No syncId and no route id for the sync of {}: the watermark is kept under '{}'; set syncId to name it",
                getEndpoint().getPath(), derived);
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
        TokenProvider tokens = getEndpoint().tokenProvider(null);
        // read once a poll: behind master: another node may have advanced the shared repository meanwhile
        stored = storedWatermark();
        committed = stored;
        Watermark position = recent.startOf(committed);
        int delivered = 0;
        int limit = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
        boolean walkedToEnd = false;
        try {
            while (isRunAllowed() && !failedThisPoll && delivered < limit) {
                CommerceRequest request = requests.createForPoll(keyset.after(baseCriteria, position));
                long sentAt = System.nanoTime();
                HttpReply reply = getEndpoint().client().send(request, tokens, calls);
                List<Object> items = responses.page(reply, request).items();
                Queue<Object> exchanges = new ArrayDeque<>();
                List<Object> pageItems = new ArrayList<>();
                List<String> pagePositions = new ArrayList<>();
                Watermark last = null;
                boolean cut = false;
                for (Object item : items) {
                    Watermark at = positionOf(item);
                    if (recent.alreadyDelivered(at.id(), at.value())) {
                        position = at;
                        continue;
                    }
                    if (conf.isSplitResult()) {
                        if (exchanges.size() + delivered >= limit) {
                            cut = true;
                            break;
                        }
                        exchanges.add(exchange(item, at));
                    } else {
                        pageItems.add(item);
                        pagePositions.add(at.format());
                        last = at;
                    }
                    position = at;
                }
                if (!conf.isSplitResult() && !pageItems.isEmpty()) {
                    Exchange page = exchange(pageItems, last);
                    page.setProperty(PAGE_POSITIONS, pagePositions);
                    exchanges.add(page);
                }
                if (!exchanges.isEmpty()) {
                    recent.newItemsRead(sentAt);
                }
                delivered += processBatch(exchanges);
                // one write per page, not per item
                writeWatermark();
                // a long first sync must not remember every item: only those the next look-back can meet again
                recent.prune(committed);
                if (items.size() < conf.getPageSize()) {
                    walkedToEnd = !cut && !failedThisPoll && isRunAllowed();
                    break;
                }
            }
        } finally {
            writeWatermark();
        }
        if (walkedToEnd) {
            recent.pollWalkedToEnd();
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

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        int done = 0;
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
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
            commit(exchange);
            done++;
            releaseExchange(exchange, false);
        }
        pendingExchanges = 0;
        return done;
    }

    private void commit(Exchange exchange) {
        Watermark at = Watermark.parse(exchange.getProperty(WATERMARK_PROPERTY, String.class));
        if (at.compareTo(committed) > 0) {
            committed = at;
        }
        List<?> positions = exchange.getProperty(PAGE_POSITIONS, List.class);
        if (positions == null) {
            recent.delivered(at.id(), at.value());
        } else {
            for (Object p : positions) {
                Watermark w = Watermark.parse(p.toString());
                recent.delivered(w.id(), w.value());
            }
        }
        LOG.trace("Committed watermark {}", at);
    }
}
