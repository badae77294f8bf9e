package io.camelaccs.events;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Runs one event through the route, the same way for the journal and the webhook: events of other types are skipped,
 * an event id seen before is dropped, and what follows a delivery ({@code committed}: the journal's position moving
 * on) happens only once the exchange completes. A failed exchange releases its id, so the redelivery is not taken for
 * a duplicate.
 */
final class EventDelivery {

    enum Outcome {
        DELIVERED, DUPLICATE, SKIPPED, FAILED;

        /** Whether the source may move past the event. */
        boolean isDone() {
            return this != FAILED;
        }
    }

    private final EventTypeFilter filter;
    private final IdempotentRepository seen;
    private final EventsMetrics metrics;
    private final Clock clock;

    EventDelivery(EventTypeFilter filter, IdempotentRepository seen, EventsMetrics metrics, Clock clock) {
        this.filter = filter;
        this.seen = seen;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Delivers the event on a new exchange of the consumer, and waits for the route.
     *
     * @param position  the journal position (a header), or null
     * @param committed run when the event is done with: delivered and completed, skipped, or a duplicate
     */
    Outcome deliver(DefaultConsumer consumer, CommerceEvent event, String position, Runnable committed) {
        metrics.received();
        if (!filter.accepts(event.type())) {
            metrics.skipped();
            committed.run();
            return Outcome.SKIPPED;
        }
        String id = event.id();
        if (id != null && !seen.add(id)) {
            metrics.duplicate();
            committed.run();
            return Outcome.DUPLICATE;
        }
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(event.body());
        exchange.getMessage().setHeader(AccsEventsConstants.EVENT_ID, id);
        exchange.getMessage().setHeader(AccsEventsConstants.EVENT_TYPE, event.type());
        if (position != null) {
            exchange.getMessage().setHeader(AccsEventsConstants.EVENT_POSITION, position);
        }
        exchange.getExchangeExtension().addOnCompletion(completion(id, committed));
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.isFailed() || exchange.isRollbackOnly()) {
                String reason = exchange.getException() != null ? exchange.getException().getMessage() : "rolled back";
                metrics.failed("Event " + id + " (" + event.type() + ") failed: " + reason, clock.instant());
                if (exchange.getException() != null) {
                    consumer.getExceptionHandler().handleException("Event " + id + " failed; it will be delivered again",
                            exchange, exchange.getException());
                }
                return Outcome.FAILED;
            }
            metrics.delivered(event, clock.instant());
            return Outcome.DELIVERED;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    private Synchronization completion(String id, Runnable committed) {
        return new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange exchange) {
                if (id != null) {
                    seen.confirm(id);
                }
                committed.run();
            }

            @Override
            public void onFailure(Exchange exchange) {
                if (id != null) {
                    seen.remove(id);
                }
            }
        };
    }
}
