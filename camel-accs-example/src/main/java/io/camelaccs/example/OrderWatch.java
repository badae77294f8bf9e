package io.camelaccs.example;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job 3, order watch: the consumer route is in YAML (routes/order-watch.camel.yaml, the Camel JBang and Camel K
 * form); these routes count what it delivers and tell when it has caught up (a poll found nothing new).
 */
final class OrderWatch extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("order-watch");

    private final AtomicLong seen = new AtomicLong();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    @Override
    public void configure() {
        from("direct:order-seen").routeId("order-seen").process(e -> {
            long n = seen.incrementAndGet();
            if (n <= 3) {
                LOG.info("Order {} is {} (updated {})", e.getMessage().getBody(java.util.Map.class).get("increment_id"),
                        e.getMessage().getBody(java.util.Map.class).get("status"),
                        e.getMessage().getBody(java.util.Map.class).get("updated_at"));
            }
        });
        from("direct:orders-caught-up").routeId("orders-caught-up").process(e -> caughtUp.countDown());
    }

    long seen() {
        return seen.get();
    }

    CountDownLatch caughtUp() {
        return caughtUp;
    }
}
