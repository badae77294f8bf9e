package io.camelaccs.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peak heap of one contender, two ways: the heap pools' own peak usage (reset before the contender; their sum can
 * overstate, as pools peak at different moments), and the heap in use sampled every 10 ms by a daemon thread (can
 * miss a peak shorter than 10 ms). Both count garbage not yet collected; the heap in use right after each collection
 * (the largest such figure) is what the contender kept alive. Also counts GC runs and time.
 */
final class HeapMeter implements AutoCloseable {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long sampledPeak;
    private final long gcCountStart;
    private final long gcTimeStart;
    private volatile long maxAfterGc;
    private final java.util.Set<String> heapPoolNames = new java.util.HashSet<>();
    private final NotificationListener gcListener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                    .from((CompositeData) notification.getUserData());
            long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(e -> heapPoolNames.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
            if (after > maxAfterGc) {
                maxAfterGc = after;
            }
        }
    };

    private HeapMeter() {
        heapPools.forEach(p -> heapPoolNames.add(p.getName()));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(gcListener, null, null);
            }
        }
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        gcCountStart = gcCount();
        gcTimeStart = gcTime();
        sampler = new Thread(() -> {
            // bounded: stops when closed, and after 10 minutes whatever happens
            long end = System.nanoTime() + 600_000_000_000L;
            while (running && System.nanoTime() < end) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > sampledPeak) {
                    sampledPeak = used;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Collects garbage first, so that each contender starts from the same heap. */
    static HeapMeter start() {
        System.gc();
        return new HeapMeter();
    }

    long sampledPeakBytes() {
        return sampledPeak;
    }

    /** The most heap still in use right after a collection: what the walk kept alive (0 when no GC ran). */
    long maxAfterGcBytes() {
        return maxAfterGc;
    }

    long poolPeakSumBytes() {
        return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum() - (sampler == null ? 0 : gcCountStart);
    }

    long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum() - (sampler == null ? 0 : gcTimeStart);
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(gcListener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // not registered on this one
                }
            }
        }
        running = false;
        sampler.interrupt();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
