package io.camelaccs.component;

import java.time.Duration;

import io.camelaccs.http.HttpReply;
import io.camelaccs.ims.TokenProvider;
import io.camelaccs.rest.AccsApiException;
import io.camelaccs.rest.CommerceClient;
import io.camelaccs.rest.CommerceRequest;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.rest.SearchCriteria;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends each exchange as one Commerce REST call and puts the response on the message; with fetchAll, the body is a
 * lazy iterator over every item of the search; with waitForCompletion, the exchange leaves once the bulk is done.
 */
public class AccsProducer extends DefaultProducer {

    private RequestFactory requests;
    private ResponseMapper responses;
    private CommerceClient client;
    private AccsConfiguration conf;
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

    private void fetchAll(Exchange exchange, SearchCriteria criteria, TokenProvider tokens) throws Exception {
        CommerceRequest first = requests.create(exchange, criteria.withCurrentPage(1));
        HttpReply reply = client.send(first, tokens);
        Message out = exchange.getMessage();
        responses.setStatus(reply, out);
        PageIterator.Page firstPage = responses.page(reply, first);
        PageIterator items = new PageIterator(page -> {
            CommerceRequest next = first.withQuery(requests.queryWith(criteria.withCurrentPage(page)));
            return responses.page(client.send(next, tokens), next);
        }, criteria.pageSize(), firstPage);
        out.setHeader(AccsConstants.TOTAL_COUNT, items.totalCount());
        out.setBody(items);
    }
}
