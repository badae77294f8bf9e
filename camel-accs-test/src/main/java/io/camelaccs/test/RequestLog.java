package io.camelaccs.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What came in: exact counts per method and path (kept however many requests arrive, as there are only as many
 * entries as distinct paths) and the most recent requests in full, up to a limit (their bodies can be large).
 */
final class RequestLog {

    private record Key(String method, String path, String decodedPath) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<RecordedRequest> recent = new ConcurrentLinkedDeque<>();
    private final AtomicInteger recentSize = new AtomicInteger();
    private final AtomicLong tokenRequests = new AtomicLong();
    private final int limit;

    RequestLog(int limit) {
        this.limit = limit;
    }

    void add(RecordedRequest request, boolean tokenRequest) {
        counts.computeIfAbsent(new Key(request.method(), request.path(), request.decodedPath()), k -> new LongAdder())
                .increment();
        if (tokenRequest) {
            tokenRequests.incrementAndGet();
        }
        recent.addLast(request);
        if (recentSize.incrementAndGet() > limit && recent.pollFirst() != null) {
            recentSize.decrementAndGet();
        }
    }

    long count(String method, String pathPrefix) {
        long total = 0;
        for (Map.Entry<Key, LongAdder> e : counts.entrySet()) {
            Key k = e.getKey();
            if (PathMatch.matches(method, pathPrefix, k.method(), k.path(), k.decodedPath())) {
                total += e.getValue().sum();
            }
        }
        return total;
    }

    long tokenRequests() {
        return tokenRequests.get();
    }

    List<RecordedRequest> recent() {
        return new ArrayList<>(recent);
    }

    void reset() {
        counts.clear();
        tokenRequests.set(0);
        recent.clear();
        recentSize.set(0);
    }
}
