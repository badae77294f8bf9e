package io.camelaccs.component;

import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;

/**
 * Camel's check for a polling consumer ({@code consumer:<route id>}, UP or DOWN as Camel decides), with where the sync
 * stands in its details whatever the state, not only after a failed poll: the watermark, the last successful poll,
 * the items delivered and the lag a dashboard shows.
 */
final class SyncHealthCheck extends ScheduledPollConsumerHealthCheck {

    private final AccsConsumer consumer;

    SyncHealthCheck(AccsConsumer consumer, String id) {
        super(consumer, id);
        this.consumer = consumer;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheck.Result camel = super.call(options);
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        builder.state(camel.getState());
        camel.getMessage().ifPresent(builder::message);
        camel.getError().ifPresent(builder::error);
        builder.details(camel.getDetails());
        consumer.describeSync().forEach((k, v) -> {
            // the details of the last failure (set when the poll failed) stay as they were then
            if (!camel.getDetails().containsKey(k)) {
                builder.detail(k, v);
            }
        });
        return builder.build();
    }
}
