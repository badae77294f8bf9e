package io.camelaccs.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in fixed buckets, so 32 threads can record hundreds of thousands of calls in a 128 MB heap: 1 us buckets up
 * to 10 ms, 100 us buckets up to 1 s, then one overflow bucket.
 */
final class Histogram {

    private static final int FINE = 10_000;        // 0..10 ms by 1 us
    private static final int COARSE = 10_000;      // 10 ms..1 s by 100 us
    private final AtomicLongArray buckets = new AtomicLongArray(FINE + COARSE + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();

    void record(long nanos) {
        long us = nanos / 1000;
        int index;
        if (us < FINE) {
            index = (int) us;
        } else if (us < FINE + (long) COARSE * 100) {
            index = FINE + (int) ((us - FINE) / 100);
        } else {
            index = FINE + COARSE;
        }
        buckets.incrementAndGet(index);
        count.increment();
        sumMicros.add(us);
    }

    void add(Histogram other) {
        for (int i = 0; i < buckets.length(); i++) {
            long v = other.buckets.get(i);
            if (v != 0) {
                buckets.addAndGet(i, v);
            }
        }
        count.add(other.count.sum());
        sumMicros.add(other.sumMicros.sum());
    }

    long count() {
        return count.sum();
    }

    /** The latency (ms) at the quantile q (0..1), as the upper edge of its bucket. */
    double percentileMillis(double q) {
        long n = count.sum();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return upperEdgeMicros(i) / 1000.0;
            }
        }
        return upperEdgeMicros(buckets.length() - 1) / 1000.0;
    }

    double meanMillis() {
        long n = count.sum();
        return n == 0 ? Double.NaN : sumMicros.sum() / 1000.0 / n;
    }

    private static long upperEdgeMicros(int i) {
        if (i < FINE) {
            return i + 1;
        }
        if (i < FINE + COARSE) {
            return FINE + (long) (i - FINE + 1) * 100;
        }
        return Long.MAX_VALUE / 1000;
    }
}
