package io.camelaccs.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, for {@link AccsSimulator.Builder#clock(Clock)}: expire tokens or space out
 * {@code updated_at} values without waiting. Thread-safe.
 */
public final class AdjustableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@code start}, in UTC. */
    public AdjustableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward (or back, with a negative amount). */
    public AdjustableClock advance(Duration amount) {
        now.updateAndGet(t -> t.plus(amount));
        return this;
    }

    /** Sets the clock. */
    public AdjustableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves with this clock. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(now, zone);
    }
}
