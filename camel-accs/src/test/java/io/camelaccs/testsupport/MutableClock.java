package io.camelaccs.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, so token lifetimes and cool-downs pass without waiting. Race tests can also make it
 * slow to read: code that checks shared state, reads the clock, then acts, spends that long between check and act,
 * so a missing lock lets another thread in every time instead of once in a blue moon.
 */
public final class MutableClock extends Clock {

    // read by the component's threads while the test thread moves it
    private volatile Instant now;
    private volatile long readNanos;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Each reading of the clock takes this long (busy, so the reading thread keeps its core). */
    public MutableClock slowToRead(Duration d) {
        readNanos = d.toNanos();
        return this;
    }

    @Override
    public Instant instant() {
        long nanos = readNanos;
        if (nanos > 0) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
        return now;
    }
}
