package io.camelaccs.component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

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
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each exchange as one Commerce REST call and puts the response on the message; with fetchAll, the body is a
 * lazy iterator over every item of the search; with waitForCompletion, the exchange leaves once the bulk is done.
 */
public class AccsProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(AccsProducer.class);

    private RequestFactory requests;
    private ResponseMapper responses;
    private CommerceClient client;
    private AccsEndpointConfiguration conf;
    private ExecutorService fetchAllExecutor;
    private AccsProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public AccsProducer(AccsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AccsEndpoint getEndpoint() {
        return (AccsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        conf = getEndpoint().getConfiguration();
        requests = new RequestFactory(getEndpoint());
        responses = new ResponseMapper(getEndpoint().jsonBodies(), conf, getEndpoint().headerBinding());
        client = getEndpoint().client();
        if (conf.isFetchAll() && conf.getParallelism() > 1) {
            // Camel's manager shuts it down with the context; threads are created as walks need them
            fetchAllExecutor = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newCachedThreadPool(this, "AccsFetchAll");
        }
        // Camel's producer health switch: camel.health.producers-enabled and the component's healthCheckProducerEnabled
        if (getEndpoint().getComponent().isHealthCheckProducerEnabled()) {
            healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                    "producers", WritableHealthCheckRepository.class);
            if (healthCheckRepository != null) {
                healthCheck = new AccsProducerHealthCheck(getEndpoint(), getEndpoint().getId());
                healthCheck.setCamelContext(getEndpoint().getCamelContext());
                healthCheckRepository.addHealthCheck(healthCheck);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        if (fetchAllExecutor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(fetchAllExecutor);
            fetchAllExecutor = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // consumes the caller's token header, whatever happens next
        TokenProvider tokens = getEndpoint().tokenProvider(exchange);
        // the headers of an earlier accs call would otherwise describe this one (a search's count on a GET)
        ResponseMapper.clearResultHeaders(exchange.getMessage());
        SearchCriteria criteria = requests.searchCriteria(exchange);
        if (conf.isFetchAll()) {
            fetchAll(exchange, criteria, tokens);
        } else {
            send(exchange, criteria, tokens);
        }
        exchange.removeProperty(AccsEndpoint.CALLER_TOKEN_PROPERTY);
    }

    private void send(Exchange exchange, SearchCriteria criteria, TokenProvider tokens) throws Exception {
        CommerceRequest request = requests.create(exchange, criteria);
        HttpReply reply = client.send(request, tokens);
        boolean success = responses.apply(reply, request, exchange);
        if (success && conf.isWaitForCompletion()) {
            String uuid = exchange.getMessage().getHeader(AccsConstants.BULK_UUID, String.class);
            if (uuid == null) {
                throw AccsApiException.of(reply, request, "waitForCompletion: the response has no bulk_uuid to wait for");
            }
            exchange.getMessage().setBody(getEndpoint().bulkStatusPoller().await(uuid, request.storeCode(), tokens,
                    Duration.ofMillis(conf.getCompletionTimeout())));
        }
    }

    /**
     * The body is a lazy iterator over every item. It pages by keyset (each page asks for the items after the last one
     * seen) when the resource's entity id is known, the sort allows it and the first page's items carry their ids;
     * otherwise by page number, with the id as last sort key where known so that ties keep one order.
     */
    private void fetchAll(Exchange exchange, SearchCriteria criteria, TokenProvider tokens) throws Exception {
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
            fetchAllInParallel(exchange, criteria, tokens, keyset);
            return;
        }
        SearchCriteria sorted = keyset != null ? keyset.first(criteria)
                : id.map(i -> criteria.withSortOrders(Keyset.withTieBreaker(criteria.sortOrders(), i.field())))
                        .orElse(criteria).withCurrentPage(1);

        CommerceRequest first = requests.create(exchange, sorted);
        HttpReply reply = client.send(first, tokens);
        Message out = exchange.getMessage();
        responses.setStatus(reply, out);
        PageIterator.Page firstPage = responses.page(reply, first);

        Keyset.Key last = keyset == null ? null : KeysetPages.lastKeyOf(keyset, firstPage.items());
        PageIterator.PageSource pages;
        if (last != null) {
            pages = new KeysetPages(c -> {
                CommerceRequest next = first.withQuery(requests.queryWith(c));
                return responses.page(client.send(next, tokens), next);
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
                return responses.page(client.send(next, tokens), next);
            };
        }
        PageIterator items = new PageIterator(pages, criteria.pageSize(), firstPage, responses::bind,
                () -> exchange.isFailed() || exchange.isRouteStop());
        out.setHeader(AccsConstants.TOTAL_COUNT, items.totalCount());
        out.setBody(items);
    }

    /**
     * fetchAll split into id ranges walked side by side: two one-item searches find the lowest and highest id under
     * the filter (their errors fail the exchange before any item is routed), then the range between is split evenly.
     */
    private void fetchAllInParallel(Exchange exchange, SearchCriteria criteria, TokenProvider tokens, Keyset keyset)
            throws Exception {
        Message out = exchange.getMessage();
        SearchCriteria oneItem = criteria.withPageSize(1).withCurrentPage(1);
        CommerceRequest lowestRequest = requests.create(exchange,
                oneItem.withSortOrders(List.of(new SortOrder(keyset.idField(), Direction.ASC))));
        HttpReply reply = client.send(lowestRequest, tokens);
        responses.setStatus(reply, out);
        PageIterator.Page lowest = responses.page(reply, lowestRequest);
        List<ParallelPages.Range> ranges = List.of();
        if (!lowest.items().isEmpty()) {
            CommerceRequest highestRequest = lowestRequest.withQuery(requests.queryWith(
                    oneItem.withSortOrders(List.of(new SortOrder(keyset.idField(), Direction.DESC)))));
            PageIterator.Page highest = responses.page(client.send(highestRequest, tokens), highestRequest);
            ranges = ranges(keyset, lowest, highest);
        }
        KeysetPages.Search search = c -> {
            CommerceRequest next = lowestRequest.withQuery(requests.queryWith(c));
            return responses.page(client.send(next, tokens), next);
        };
        out.setHeader(AccsConstants.TOTAL_COUNT, lowest.totalCount());
        out.setBody(new ParallelPages(fetchAllExecutor, search, criteria, keyset, ranges, responses::bind,
                () -> exchange.isFailed() || exchange.isRouteStop()));
    }

    private List<ParallelPages.Range> ranges(Keyset keyset, PageIterator.Page lowest, PageIterator.Page highest) {
        Keyset.Key lo = keyset.keyOf(lowest.items().get(0));
        Keyset.Key hi = highest.items().isEmpty() ? lo : keyset.keyOf(highest.items().get(0));
        if (lo == null || hi == null) {
            throw new IllegalStateException("fetchAll with parallelism splits the search by " + keyset.idField()
                                            + ", and its items do not carry it: keep it in option fields, or set"
                                            + " parallelism=1");
        }
        try {
            return ParallelPages.split(Long.parseLong(lo.id()), Long.parseLong(hi.id()), conf.getParallelism());
        } catch (NumberFormatException e) {
            LOG.warn("fetchAll on {} walks one range: parallelism={} splits numeric ids only, and {} runs from '{}' to"
                     + " '{}'", getEndpoint().getPath(), conf.getParallelism(), keyset.idField(), lo.id(), hi.id());
            return List.of(new ParallelPages.Range(null, null));
        }
    }
}
