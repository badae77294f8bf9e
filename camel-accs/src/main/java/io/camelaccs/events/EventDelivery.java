package io.camelaccs.events;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.RollbackExchangeException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one event through the route, the same way for the journal and the webhook, so that an event is done with only
 * once its exchange succeeded:
 * <ul>
 * <li>events of other types are skipped;</li>
 * <li>an event whose id is running now (in this consumer, or another of this JVM on the same idempotent repository) is
 * {@link Outcome#IN_FLIGHT}: not run again, and not done either, so the source asks again later;</li>
 * <li>an id the repository holds is a duplicate, dropped;</li>
 * <li>otherwise the route runs, and only when the exchange succeeded (no exception, not rollback-only) is the id added
 * to the repository and {@code committed} (the journal's position moving on) run. A failed or rolled back exchange
 * leaves no trace: a redelivery, or a restart after a crash in the middle of the event, runs it again.</li>
 * </ul>
 * The repository is written only at success ({@code add}, then {@code confirm}), never at the start: see
 * {@link InFlightEvents} for why. Consumers in other processes sharing a persistent repository therefore do not see an
 * event running elsewhere; they run it too (a duplicate, never a loss), unless the repository is a
 * {@link SharedEventRepository}, whose claims with a lease every pod sees.
 * <p>
 * An exchange whose failure the route's error handler handled (a dead letter channel, {@code onException().handled})
 * is done with (the position moves on, the webhook answers 200), but its id is not remembered, as with Camel's
 * idempotent consumer: a later copy of the event goes through the route again.
 */
final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    enum Outcome {
        DELIVERED,
        DUPLICATE,
        SKIPPED,
        /** Running now elsewhere: not done, ask again later. */
        IN_FLIGHT,
        /** The exchange failed or was rolled back: not done, deliver again. */
        FAILED;

        /** Whether the source may move past the event. */
        boolean isDone() {
            return this == DELIVERED || this == DUPLICATE || this == SKIPPED;
        }
    }

    private final EventTypeFilter filter;
    private final IdempotentRepository seen;
    private final InFlightEvents running;
    private final EventsMetrics metrics;
    private final Clock clock;

    EventDelivery(EventTypeFilter filter, IdempotentRepository seen, EventsMetrics metrics, Clock clock) {
        this.filter = filter;
        this.seen = seen;
        this.running = InFlightEvents.of(seen);
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Delivers the event on a new exchange of the consumer, and waits for the route.
     *
     * @param position  the journal position (a header), or null
     * @param committed run when the event is done with: its exchange succeeded, or it is skipped or a duplicate
     */
    Outcome deliver(DefaultConsumer consumer, CommerceEvent event, String position, Runnable committed) {
        metrics.received();
        if (!filter.accepts(event.type())) {
            metrics.skipped();
            committed.run();
            return Outcome.SKIPPED;
        }
        String id = event.id();
        if (id == null) {
            return run(consumer, event, null, position, committed);
        }
        // claimed before the repository is asked, and released only after it was written: a concurrent copy sees
        // either the claim or the id, never neither
        if (!running.claim(id)) {
            metrics.inFlight();
            return Outcome.IN_FLIGHT;
        }
        // on a SharedEventRepository, the claim is seen by every pod too
        SharedEventRepository pods = seen instanceof SharedEventRepository shared ? shared : null;
        boolean claimed = false;
        try {
            if (pods != null) {
                claimed = pods.claim(id);
                if (!claimed) {
                    metrics.inFlight();
                    return Outcome.IN_FLIGHT;
                }
            }
            if (seen.contains(id)) {
                metrics.duplicate();
                committed.run();
                return Outcome.DUPLICATE;
            }
            return run(consumer, event, id, position, committed);
        } finally {
            try {
                if (claimed) {
                    pods.release(id);
                }
            } catch (RuntimeException e) {
                // the shared claim expires by itself (its lease is no longer kept alive); this JVM's must not stay,
                // or every later copy of the event would be refused here as running
                LOG.warn("Could not release the shared claim of event {} ({}): other pods may run it once its lease"
                         + " expires", id, e.getMessage());
            } finally {
                running.release(id);
            }
        }
    }

    /**
     * Hands a journal entry that is not an event to the route's error handler: an exchange that arrives failed with
     * {@code problem}, no body (the entry is not quoted anywhere: it may hold customer data), and the position as a
     * header. A dead letter channel or a handled {@code onException} takes it, and the entry is then done with;
     * otherwise it fails like an event that failed, and is delivered again.
     */
    Outcome deliverMalformed(DefaultConsumer consumer, AccsEventsException problem, String position,
                             Runnable committed) {
        metrics.received();
        Exchange exchange = consumer.createExchange(false);
        if (position != null) {
            exchange.getMessage().setHeader(AccsEventsConstants.EVENT_POSITION, position);
        }
        exchange.setException(problem);
        return route(consumer, exchange, null, "The journal entry" + (position != null ? " at position " + position : ""),
                committed, null);
    }

    private Outcome run(DefaultConsumer consumer, CommerceEvent event, String id, String position, Runnable committed) {
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(event.body());
        exchange.getMessage().setHeader(AccsEventsConstants.EVENT_ID, id);
        exchange.getMessage().setHeader(AccsEventsConstants.EVENT_TYPE, event.type());
        if (position != null) {
            exchange.getMessage().setHeader(AccsEventsConstants.EVENT_POSITION, position);
        }
        return route(consumer, exchange, id, "Event " + id + " (" + event.type() + ")", committed, event);
    }

    /** Runs the exchange through the route and judges it; {@code event} is null for a malformed entry. */
    private Outcome route(DefaultConsumer consumer, Exchange exchange, String id, String what, Runnable committed,
                          CommerceEvent event) {
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            Exception failure = failure(exchange);
            if (failure == null && id != null && !ExchangeHelper.isFailureHandled(exchange)) {
                failure = remember(id, exchange);
            }
            if (failure != null) {
                metrics.failed(what + " failed: " + failure.getMessage(), clock.instant());
                consumer.getExceptionHandler().handleException(what + " failed; it will be delivered again",
                        exchange, failure);
                return Outcome.FAILED;
            }
            committed.run();
            if (event != null) {
                metrics.delivered(event, clock.instant());
            }
            return Outcome.DELIVERED;
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    /**
     * Why the exchange did not succeed, or null. Rollback-only without an exception ({@code markRollbackOnly()},
     * {@code setRollbackOnly(true)}) is a failure too: the route asked for the event to be undone.
     */
    private static Exception failure(Exchange exchange) {
        if (exchange.getException() != null) {
            return exchange.getException();
        }
        if (exchange.isRollbackOnly() || exchange.isRollbackOnlyLast()) {
            return new RollbackExchangeException("The exchange was marked rollback-only", exchange);
        }
        return null;
    }

    /** Adds the id of a completed event to the repository; a repository that fails makes the event fail. */
    private Exception remember(String id, Exchange exchange) {
        try {
            seen.add(exchange, id);
            seen.confirm(exchange, id);
            return null;
        } catch (RuntimeException e) {
            return new AccsEventsException("The event completed, but the idempotentRepository could not record its id: "
                                           + e.getMessage(), 0);
        }
    }
}
