package io.camelaccs.webhook;

/** What a hook answers when its route is late (option {@code fallbackOperation}). */
public enum FallbackOperation {
    /** Stop Commerce's operation with {@code fallbackMessage}: for required hooks, such as a validation. */
    EXCEPTION,
    /** Let Commerce's operation go on unchanged: for optional hooks, such as an extra shipping rate. */
    SUCCESS
}
