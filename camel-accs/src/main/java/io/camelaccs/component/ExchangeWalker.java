package io.camelaccs.component;

import io.camelaccs.rest.PageIterator;
import org.apache.camel.Exchange;

/**
 * The exchange whose body a fetchAll iterator is, as the iterator sees it: it has given up while it is failed or
 * stopped (the splitter then drains what is left of a failed split's body, and nothing must be taken or fetched for
 * that), and Camel's redelivery counter tells a redelivered split from the drain that follows a completed one.
 * <p>
 * The counter is read only while the body is still the iterator: a split's aggregation may copy a sub-exchange's
 * message onto the exchange before the drain, and with it the headers of an item's own redelivery, which say nothing
 * of a new walk. A redelivery puts the iterator back as the body (a copy of the message before the split).
 */
final class ExchangeWalker implements PageIterator.Walker {

    private final Exchange exchange;
    private Object items;
    private int attempt;

    ExchangeWalker(Exchange exchange) {
        this.exchange = exchange;
        this.attempt = counter();
    }

    /** The iterator this exchange walks, once it exists; until then the counter is read as it is. */
    ExchangeWalker walking(Object items) {
        this.items = items;
        return this;
    }

    @Override
    public boolean hasGivenUp() {
        return exchange.isFailed() || exchange.isRouteStop();
    }

    @Override
    public int attempt() {
        if (items == null || exchange.getIn().getBody() == items) {
            attempt = counter();
        }
        return attempt;
    }

    private int counter() {
        return exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
    }
}
