package io.camelaccs.component;

import java.util.Arrays;
import java.util.Objects;

import io.camelaccs.rest.CommerceRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * An async or bulk request Commerce accepted, kept on the exchange while it waits for the bulk to complete. When the
 * wait fails (completionTimeout, a status poll failing beyond its retries) and Camel's error handler redelivers the
 * exchange, the redelivery waits on the same bulk again instead of posting the request a second time, which would run
 * every operation twice.
 * <p>
 * Kept in an exchange property of the endpoint's own (two bulk endpoints in a route do not mix), taken up only by a
 * redelivery that came after the acceptance (Camel's redelivery counter grew since) of the same request (a failure
 * the route handled leaves the property behind, and a later, other request to the endpoint must be sent), and removed
 * once the exchange's call succeeds: a route that sends to the same endpoint twice on purpose posts twice.
 *
 * @param uuid             the bulk_uuid Commerce answered
 * @param storeCode        the store the request was sent for, whose status it is
 * @param status           the HTTP status of the acceptance
 * @param redeliveryCount  Camel's redelivery counter when the request was accepted
 * @param request          a hash of the request accepted (path, query, body)
 */
record AcceptedBulk(String uuid, String storeCode, int status, int redeliveryCount, int request) {

    private static final String PROPERTY_PREFIX = "CamelAccsAcceptedBulk-";

    /** Keeps the accepted bulk for a redelivery of this exchange to this endpoint. */
    static void keep(Exchange exchange, AccsEndpoint endpoint, CommerceRequest request, String uuid, int status) {
        exchange.setProperty(property(endpoint), new AcceptedBulk(uuid, request.storeCode(), status,
                redeliveryCount(exchange.getIn()), hash(request)));
    }

    /** The bulk to wait for instead of sending, when this exchange is a redelivery after the acceptance; else null. */
    static AcceptedBulk toResume(Exchange exchange, AccsEndpoint endpoint, CommerceRequest request) {
        if (exchange.getProperty(property(endpoint)) instanceof AcceptedBulk accepted
                && redeliveryCount(exchange.getIn()) > accepted.redeliveryCount()
                && hash(request) == accepted.request()) {
            return accepted;
        }
        return null;
    }

    /** The exchange's call to this endpoint succeeded: a later call sends anew. */
    static void forget(Exchange exchange, AccsEndpoint endpoint) {
        exchange.removeProperty(property(endpoint));
    }

    private static String property(AccsEndpoint endpoint) {
        // the endpoint's id, not its URI: a URI may carry a secret, and properties are shown in logs and traces
        return PROPERTY_PREFIX + endpoint.getId();
    }

    @Override
    public String toString() {
        return "AcceptedBulk[" + uuid + "]";
    }

    private static int hash(CommerceRequest request) {
        return Objects.hash(request.path(), request.query(), Arrays.hashCode(request.body()));
    }

    private static int redeliveryCount(Message in) {
        return in.getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    }
}
