package io.camelaccs.component;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;

import io.camelaccs.http.AccsStoppedException;
import io.camelaccs.http.Call;
import io.camelaccs.http.Calls;
import io.camelaccs.http.HttpReply;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceClient;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.Keyset;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.SortOrder;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each exchange as one Commerce REST call and puts the response on the message; with fetchAll, the body is a
 * lazy iterator over every item of the search, which a redelivered split resumes and which never ends short
 * ({@link PageIterator}, {@link ParallelPages}); with waitForCompletion, the exchange leaves once the bulk is done.
 */
public class AccsProducer extends DefaultAsyncProducer implements RouteIdAware {

    private static final Logger LOG = LoggerFactory.getLogger(AccsProducer.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The exchanges' calls under way: this producer's stop ends their waits at once. */
    private final Calls calls = new Calls();
    private String routeId;
    /** The owners of most exchanges' calls (this producer and its route), kept while the route's registry is. */
    private volatile Owners usual;

    private RequestFactory requests;
    private ResponseMapper responses;
    private CommerceClient client;
    private AccsEndpointConfiguration conf;
    private FetchAllThreads fetchAllThreads;

    public AccsProducer(AccsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AccsEndpoint getEndpoint() {
        return (AccsEndpoint) super.getEndpoint();
    }

    @Override
    public String getRouteId() {
        return routeId;
    }

    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        calls.open();
        conf = getEndpoint().getConfiguration();
        requests = new RequestFactory(getEndpoint());
        responses = new ResponseMapper(getEndpoint().jsonBodies(), conf, getEndpoint().headerBinding());
        client = getEndpoint().client();
        if (conf.isFetchAll() && conf.getParallelism() > 1) {
            fetchAllThreads = new FetchAllThreads(this, getEndpoint().getCamelContext().getExecutorServiceManager(),
                    conf.getParallelism());
        }
        getEndpoint().producerStarted();
    }

    @Override
    protected void doStop() throws Exception {
        // exchanges still waiting (ProducerTemplate callers, a route whose stop did not reach us) end now
        calls.stop("the accs producer stopped");
        getEndpoint().producerStopped();
        if (fetchAllThreads != null) {
            fetchAllThreads.shutdown();
            fetchAllThreads = null;
        }
        super.doStop();
    }

    /**
     * Sends the exchange's request. The first attempt goes out on the caller's thread; when the request must wait (a
     * retry pause, a Retry-After, a token being fetched, a bulk's status polls) the thread returns at once and the
     * exchange continues on a worker when the answer is in.
     */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletableFuture<?> work;
        try {
            Calls calls = owners(exchange);
            // consumes the caller's token header, whatever happens next
            TokenProvider tokens = getEndpoint().tokenProvider(exchange);
            // the headers of an earlier accs call would otherwise describe this one (a search's count on a GET)
            ResponseMapper.clearResultHeaders(exchange.getMessage());
            SearchCriteria criteria = requests.searchCriteria(exchange);
            work = conf.isFetchAll() ? fetchAll(exchange, criteria, tokens, calls) : send(exchange, criteria, tokens, calls);
        } catch (Throwable e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (work.isDone()) {
            complete(exchange, work);
            callback.done(true);
            return true;
        }
        work.whenComplete((result, failure) -> resume(() -> {
            complete(exchange, work);
            callback.done(false);
        }));
        return false;
    }

    private void complete(Exchange exchange, CompletableFuture<?> work) {
        try {
            work.join();
            exchange.removeProperty(AccsEndpoint.CALLER_TOKEN_PROPERTY);
            AcceptedBulk.forget(exchange, getEndpoint());
        } catch (Throwable e) {
            Throwable cause = Call.unwrap(e);
            if (cause instanceof AccsStoppedException) {
                // a redelivery would send again, at once, what the server asked to wait for: the route is stopping
                exchange.getExchangeExtension().setRedeliveryExhausted(true);
            }
            exchange.setException(cause);
        }
    }

    /**
     * Whose stop ends the exchange's waits: this producer, the route it is in (also with toD, where Camel names no
     * route to the producer), and the route the exchange came from (the caller of a Kamelet or of a direct: route),
     * each of which Camel's graceful stop waits for.
     */
    private Calls owners(Exchange exchange) {
        String here = routeId;
        if (here == null && exchange.getUnitOfWork() != null && exchange.getUnitOfWork().getRoute() != null) {
            here = exchange.getUnitOfWork().getRoute().getRouteId();
        }
        String from = exchange.getFromRouteId();
        AccsComponent component = getEndpoint().getComponent();
        Calls inRoute = here != null ? component.routeCalls(here) : null;
        Calls fromRoute = from != null && !from.equals(here) ? component.routeCalls(from) : null;
        if (fromRoute == null) {
            if (inRoute == null) {
                return calls;
            }
            Owners known = usual;
            if (known == null || known.route != inRoute) {
                // the route's registry is new after a restart or a reload
                known = new Owners(inRoute, Calls.of(List.of(calls, inRoute)));
                usual = known;
            }
            return known.all;
        }
        return Calls.of(inRoute == null ? List.of(calls, fromRoute) : List.of(calls, inRoute, fromRoute));
    }

    private record Owners(Calls route, Calls all) {
    }

    /**
     * Continues the exchange after a wait on the component's continuation threads: never on the request workers or
     * the timer, whose tasks the rest of the route (another accs call, a delay) must not hold up.
     */
    private void resume(Runnable continuation) {
        if (Calls.onStoppingThread()) {
            // failed by a stop: ends on the stopping thread, so that the stop finds it done (and 200 of them do not
            // start 200 threads)
            continuation.run();
            return;
        }
        try {
            getEndpoint().getComponent().continuations().execute(continuation);
        } catch (RejectedExecutionException e) {
            // the component is stopping: the exchange must still be answered
            continuation.run();
        }
    }

    /** What an exchange does once an answer is in; may throw, failing the exchange. */
    @FunctionalInterface
    private interface Step<T> {
        CompletableFuture<?> next(T value) throws Exception;
    }

    private static <T> CompletableFuture<?> then(CompletableFuture<T> answer, Step<T> step) {
        return answer.thenCompose(value -> {
            try {
                return step.next(value);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private CompletableFuture<?> send(Exchange exchange, SearchCriteria criteria, TokenProvider tokens, Calls calls)
            throws Exception {
        BiFunction<String, String, CompletableFuture<?>> completion = (uuid, storeCode) ->
                getEndpoint().bulkStatusPoller().awaitAsync(uuid, storeCode, tokens,
                        Duration.ofMillis(conf.getCompletionTimeout()), calls)
                        .thenAccept(body -> exchange.getMessage().setBody(body));
        CommerceRequest request = requests.create(exchange, criteria);
        AcceptedBulk accepted = conf.isWaitForCompletion() ? AcceptedBulk.toResume(exchange, getEndpoint(), request)
                : null;
        if (accepted != null) {
            // a redelivery after Commerce accepted the request: sent again, each of its operations would run twice
            LOG.debug("Redelivery of an exchange whose bulk {} was accepted: waiting for it again instead of sending"
                      + " the request again", accepted.uuid());
            exchange.getMessage().setHeader(AccsConstants.RESPONSE_CODE, accepted.status());
            exchange.getMessage().setHeader(AccsConstants.BULK_UUID, accepted.uuid());
            return completion.apply(accepted.uuid(), accepted.storeCode());
        }
        return then(client.sendAsync(request, tokens, calls), reply -> {
            boolean success = responses.apply(reply, request, exchange);
            if (!success || !conf.isWaitForCompletion()) {
                return DONE;
            }
            String uuid = exchange.getMessage().getHeader(AccsConstants.BULK_UUID, String.class);
            if (uuid == null) {
                throw AccsApiException.of(reply, request, "waitForCompletion: the response has no bulk_uuid to wait for");
            }
            AcceptedBulk.keep(exchange, getEndpoint(), request, uuid, reply.status());
            return completion.apply(uuid, request.storeCode());
        });
    }

    /**
     * The body is a lazy iterator over every item. It pages by keyset (each page asks for the items after the last one
     * seen) when the resource's entity id is known, the sort allows it and the first page's items carry their ids;
     * otherwise by page number, with the id as last sort key where known so that ties keep one order.
     */
    private CompletableFuture<?> fetchAll(Exchange exchange, SearchCriteria criteria, TokenProvider tokens, Calls calls)
            throws Exception {
        // raw searchCriteria[...] options would collide with the keyset's own filter groups and sort orders
        boolean raw = getEndpoint().getPassThroughParameters().keySet().stream()
                .anyMatch(name -> name.startsWith("searchCriteria["));
        Optional<EntityIdField> id = raw ? Optional.empty() : EntityIdField.of(getEndpoint().getPath(), conf.getIdField());
        Keyset keyset = id.flatMap(i -> Keyset.of(criteria.sortOrders(), i.field(), i.itemFields())).orElse(null);
        if (conf.getParallelism() > 1) {
            if (keyset == null) {
                // the endpoint's options were checked at creation: here a CamelAccsSearchCriteria header sorts otherwise
                throw new IllegalArgumentException("Option parallelism=" + conf.getParallelism() + " needs a keyset"
                                                   + " walk, and the sort " + criteria.sortOrders() + " has none (at"
                                                   + " most one field besides the id): set parallelism=1");
            }
            return fetchAllInParallel(exchange, criteria, tokens, keyset, calls);
        }
        SearchCriteria sorted = keyset != null ? keyset.first(criteria)
                : id.map(i -> criteria.withSortOrders(Keyset.withTieBreaker(criteria.sortOrders(), i.field())))
                        .orElse(criteria).withCurrentPage(1);

        CommerceRequest first = requests.create(exchange, sorted);
        return then(client.sendAsync(first, tokens, calls), reply -> {
            walk(exchange, criteria, tokens, id, keyset, raw, sorted, first, reply, calls);
            return DONE;
        });
    }

    /** With the first page in: the body becomes the iterator whose later pages are fetched as the split asks. */
    private void walk(Exchange exchange, SearchCriteria criteria, TokenProvider tokens, Optional<EntityIdField> id,
                      Keyset keyset, boolean raw, SearchCriteria sorted, CommerceRequest first, HttpReply reply,
                      Calls calls) {
        Message out = exchange.getMessage();
        responses.setStatus(reply, out);
        PageIterator.Page firstPage = responses.page(reply, first);

        Keyset.Key last = keyset == null ? null : KeysetPages.lastKeyOf(keyset, firstPage.items());
        PageIterator.PageSource pages;
        if (last != null) {
            pages = new KeysetPages(c -> {
                CommerceRequest next = first.withQuery(requests.queryWith(c));
                return responses.page(client.send(next, tokens, calls), next);
            }, criteria, keyset, last);
        } else {
            if (LOG.isDebugEnabled() && firstPage.items().size() >= criteria.pageSize()) {
                LOG.debug("fetchAll on {} pages by page number: {}", getEndpoint().getPath(), raw
                        ? "raw searchCriteria options" : id.isEmpty() ? "no known entity id field (set option idField)"
                        : keyset == null ? "the sort " + criteria.sortOrders() + " has no keyset"
                        : "the items do not carry '" + keyset.idField() + "' or the sort field");
            }
            pages = page -> {
                CommerceRequest next = first.withQuery(requests.queryWith(sorted.withCurrentPage(page)));
                return responses.page(client.send(next, tokens, calls), next);
            };
        }
        ExchangeWalker walker = new ExchangeWalker(exchange);
        PageIterator items = new PageIterator(pages, criteria.pageSize(), firstPage, responses::bind, walker);
        walker.walking(items);
        out.setHeader(AccsConstants.TOTAL_COUNT, items.totalCount());
        out.setBody(items);
    }

    /**
     * fetchAll split into id ranges walked side by side, at ids read from real items: a one-item search sorted by id
     * gives total_count and the lowest id, then {@code parallelism - 1} one-item searches at the quantiles (sent at
     * once) give the boundaries: two round trips before the walks start, whose errors fail the exchange before any
     * item is routed. The ranges hold as many items each, whether the ids are numbers or text.
     */
    private CompletableFuture<?> fetchAllInParallel(Exchange exchange, SearchCriteria criteria, TokenProvider tokens,
                                                    Keyset keyset, Calls calls) throws Exception {
        Message out = exchange.getMessage();
        SearchCriteria byId = criteria.withPageSize(1).withSortOrders(List.of(new SortOrder(keyset.idField(),
                Direction.ASC)));
        CommerceRequest lowestRequest = requests.create(exchange, byId.withCurrentPage(1));
        KeysetPages.Search search = c -> {
            CommerceRequest next = lowestRequest.withQuery(requests.queryWith(c));
            return responses.page(client.send(next, tokens, calls), next);
        };
        return then(client.sendAsync(lowestRequest, tokens, calls), reply -> {
            responses.setStatus(reply, out);
            PageIterator.Page lowest = responses.page(reply, lowestRequest);
            out.setHeader(AccsConstants.TOTAL_COUNT, lowest.totalCount());
            if (lowest.items().isEmpty()) {
                out.setBody(parallelPages(exchange, search, criteria, keyset, List.of()));
                return DONE;
            }
            String lowestId = idOf(keyset, lowest.items().get(0));
            long total = lowest.totalCount();
            int n = conf.getParallelism();
            if (total <= criteria.pageSize() || total == Long.MAX_VALUE) {
                // one page holds them all, or no total_count (a fields filter) to find the quantiles by
                out.setBody(parallelPages(exchange, search, criteria, keyset, RangeBoundaries.ranges(lowestId,
                        List.of())));
                return DONE;
            }
            List<CommerceRequest> quantileRequests = new ArrayList<>();
            List<CompletableFuture<HttpReply>> quantiles = new ArrayList<>();
            for (int k = 1; k < n; k++) {
                int page = (int) Math.min(Integer.MAX_VALUE, BigInteger.valueOf(total).multiply(BigInteger.valueOf(k))
                        .divide(BigInteger.valueOf(n)).longValue() + 1);
                CommerceRequest request = lowestRequest.withQuery(requests.queryWith(byId.withCurrentPage(page)));
                quantileRequests.add(request);
                quantiles.add(client.sendAsync(request, tokens, calls));
            }
            return then(CompletableFuture.allOf(quantiles.toArray(CompletableFuture[]::new)), all -> {
                List<String> boundaries = new ArrayList<>();
                for (int k = 0; k < quantiles.size(); k++) {
                    PageIterator.Page page = responses.page(quantiles.get(k).join(), quantileRequests.get(k));
                    boundaries.add(page.items().isEmpty() ? null : idOf(keyset, page.items().get(0)));
                }
                out.setBody(parallelPages(exchange, search, criteria, keyset,
                        RangeBoundaries.ranges(lowestId, boundaries)));
                return DONE;
            });
        });
    }

    /**
     * The walks' iterator, closed when the exchange completes whatever happened in between (a failure between the
     * accs call and its split, a route that never splits the body), so that no walk outlives its exchange.
     */
    private ParallelPages parallelPages(Exchange exchange, KeysetPages.Search search, SearchCriteria criteria,
                                        Keyset keyset, List<ParallelPages.Range> ranges) {
        ExchangeWalker walker = new ExchangeWalker(exchange);
        ParallelPages pages = new ParallelPages(fetchAllThreads, search, criteria, keyset, ranges, responses::bind,
                walker);
        walker.walking(pages);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                pages.release();
            }
        });
        return pages;
    }

    private static String idOf(Keyset keyset, Object item) {
        Keyset.Key key = keyset.keyOf(item);
        if (key == null) {
            throw new IllegalStateException("fetchAll with parallelism splits the search by " + keyset.idField()
                                            + ", and its items do not carry it: keep it in option fields, or set"
                                            + " parallelism=1");
        }
        return key.id();
    }
}
