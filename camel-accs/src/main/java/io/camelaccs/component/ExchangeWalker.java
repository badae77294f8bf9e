package io.camelaccs.component;

import io.camelaccs.rest.PageIterator;
import org.apache.camel.Exchange;

/**
 * The exchange whose body a fetchAll iterator is, as the iterator sees it: it has given up while it is failed or
 * stopped (the splitter then drains what is left of a failed split's body, and nothing must be taken or fetched for
 * that), and Camel's redelivery counter tells a redelivered split from the drain that follows a completed one.
 */
final class ExchangeWalker implements PageIterator.Walker {

    private final Exchange exchange;

    ExchangeWalker(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public boolean hasGivenUp() {
        return exchange.isFailed() || exchange.isRouteStop();
    }

    @Override
    public int attempt() {
        Integer counter = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        return counter == null ? 0 : counter;
    }
}
