package io.camelaccs.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls a producer, consumer or component has under way, so that its stop ends their waits at once: a stopping
 * route is otherwise kept waiting by an exchange in a thirty-second {@code Retry-After} until the shutdown timeout.
 */
public final class Calls {

    private final Set<Call<?>> live = ConcurrentHashMap.newKeySet();
    private volatile String stoppedBecause;

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
     * @param why who stopped ("route orders is stopping")
     */
    public void stop(String why) {
        stoppedBecause = why;
        for (Call<?> call : live) {
            call.abort(why);
        }
    }

    /** Accepts waits again (a restarted route). */
    public void open() {
        stoppedBecause = null;
    }

    /** Why waits are refused, or null while open. */
    String stoppedBecause() {
        return stoppedBecause;
    }
}
