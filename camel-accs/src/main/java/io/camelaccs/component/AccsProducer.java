package io.camelaccs.component;

import io.camelaccs.http.HttpReply;
import io.camelaccs.rest.CommerceRequest;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends each exchange as one Commerce REST call and puts the response on the message.
 */
public class AccsProducer extends DefaultProducer {

    private RequestFactory requests;
    private ResponseMapper responses;

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
        requests = new RequestFactory(getEndpoint());
        responses = new ResponseMapper(getEndpoint().jsonBodies(), getEndpoint().getConfiguration().isThrowExceptionOnFailure());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CommerceRequest request = requests.create(exchange);
        HttpReply reply = getEndpoint().client().send(request, getEndpoint().tokenProvider(exchange));
        responses.apply(reply, request, exchange);
    }
}
