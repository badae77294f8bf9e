package io.camelaccs.http;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls a producer, a route, a consumer or a component has under way, so that its stop ends their waits at once:
 * a stopping route is otherwise kept waiting by an exchange in a thirty-second {@code Retry-After} until the shutdown
 * timeout. A call may belong to several (its producer, the route it came from, the route it is in): {@link #of}.
 */
public class Calls {

    private static final ThreadLocal<Boolean> STOPPING = ThreadLocal.withInitial(() -> false);

    private final Set<Call<?>> live = ConcurrentHashMap.newKeySet();
    private volatile String stoppedBecause;
    private final AtomicLong stops = new AtomicLong();
    private volatile String lastStop;
    private volatile long lastStopNanos;

    /** The calls of several owners at once: each call started with it is ended by a stop of any of them. */
    public static Calls of(List<Calls> owners) {
        return owners.size() == 1 ? owners.get(0) : new Several(owners);
    }

    void add(Call<?> call) {
        live.add(call);
    }

    void remove(Call<?> call) {
        live.remove(call);
    }

    /**
     * Ends every waiting call with an {@link AccsStoppedException}, and every later wait too until {@link #open()}:
     * calls whose request is on the wire end with its answer, without retrying.
     *
     * @param why who stopped ("the accs producer stopped")
     */
    public void stop(String why) {
        stoppedBecause = why;
        abort(why);
    }

    /**
     * Ends the calls under way as {@link #stop} does, but not the calls started later. (A route's stop uses
     * {@link #stop} and {@link #open} once the stop is over, also when Camel gave it up: calls that begin to wait while
     * the route stops must not hold the stop up either.)
     */
    public void abort(String why) {
        // before the calls are looked at: a call joining now sees either the count moved or itself among the live
        lastStop = why;
        lastStopNanos = System.nanoTime();
        stops.incrementAndGet();
        boolean outermost = !STOPPING.get();
        STOPPING.set(true);
        try {
            for (Call<?> call : live) {
                call.abort(why);
            }
        } finally {
            if (outermost) {
                STOPPING.remove();
            }
        }
    }

    /**
     * Whether this thread is ending calls for a stop: what completes here is a failed exchange whose route the stop
     * is waiting for, best finished at once on this thread rather than handed to another.
     */
    public static boolean onStoppingThread() {
        return STOPPING.get();
    }

    /** Accepts waits again (a restarted producer, a resumed consumer). */
    public void open() {
        stoppedBecause = null;
    }

    /** Why waits are refused, or null while open. */
    String stoppedBecause() {
        return stoppedBecause;
    }

    /** How many stops and aborts there have been: a call notes it when it starts. */
    long stops() {
        return stops.get();
    }

    /** Why the last stop or abort since {@code stopsBefore} was, or null when there was none. */
    String stoppedSince(long stopsBefore) {
        return stops.get() != stopsBefore ? lastStop : null;
    }

    long lastStopNanos() {
        return lastStopNanos;
    }

    /** Why the last stop or abort was, or null when there was none. */
    String lastStop() {
        return lastStop;
    }

    /** Several owners' registries seen as one. */
    private static final class Several extends Calls {

        private final List<Calls> owners;

        Several(List<Calls> owners) {
            this.owners = List.copyOf(owners);
        }

        @Override
        void add(Call<?> call) {
            owners.forEach(o -> o.add(call));
        }

        @Override
        void remove(Call<?> call) {
            owners.forEach(o -> o.remove(call));
        }

        @Override
        public void stop(String why) {
            owners.forEach(o -> o.stop(why));
        }

        @Override
        public void abort(String why) {
            owners.forEach(o -> o.abort(why));
        }

        @Override
        public void open() {
            owners.forEach(Calls::open);
        }

        @Override
        long stops() {
            long sum = 0;
            for (Calls o : owners) {
                sum += o.stops();
            }
            return sum;
        }

        @Override
        String stoppedSince(long stopsBefore) {
            if (stops() == stopsBefore) {
                return null;
            }
            // the owner stopped last
            Calls latest = null;
            for (Calls o : owners) {
                if (o.stops() > 0 && (latest == null || o.lastStopNanos() - latest.lastStopNanos() > 0)) {
                    latest = o;
                }
            }
            return latest != null ? latest.lastStop() : null;
        }

        @Override
        String stoppedBecause() {
            for (Calls o : owners) {
                String why = o.stoppedBecause();
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
    }
}
