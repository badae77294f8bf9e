package io.camelaccs.state;

/**
 * A position was not stored because another node changed it since this node last read or wrote it: typically a
 * leader that lost its leadership (a long pause, a lost ZooKeeper session or lease) while the new leader moved the
 * position on. The write is refused so that the stale node cannot move the position back; the commit that asked for
 * it fails, and the consumer reads the stored position again before it writes another.
 */
public class StateConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public StateConflictException(String message, String key) {
        super(message);
        this.key = key;
    }

    /** The state key whose value another node changed. */
    public String getKey() {
        return key;
    }
}
