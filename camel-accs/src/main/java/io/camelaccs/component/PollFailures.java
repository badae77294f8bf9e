package io.camelaccs.component;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of a consumer's failed polls: the first failure of a run with its stack trace, each further failed poll as
 * one line, and one line when a poll succeeds again. An outage of an hour with a poll a second would otherwise write
 * 3 600 identical stack traces. A failed delivery (an exchange is given) goes to the handler this one replaced.
 */
final class PollFailures implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccsConsumer.class);

    private final String path;
    private final ExceptionHandler deliveries;
    private volatile int inARow;

    PollFailures(String path, ExceptionHandler deliveries) {
        this.path = path;
        this.deliveries = deliveries;
    }

    /** A poll failed: called by the consumer before Camel hands the exception to the exception handler. */
    void failed() {
        inARow++;
    }

    /** A poll succeeded: says so once if it ends a run of failures. */
    void succeeded() {
        int failures = inARow;
        if (failures > 0) {
            inARow = 0;
            LOG.info("Polling {} recovered after {} failed poll{}", path, failures, failures == 1 ? "" : "s");
        }
    }

    int failuresInARow() {
        return inARow;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange != null) {
            deliveries.handleException(message, exchange, exception);
            return;
        }
        String text = message != null ? message : "Failed polling " + path;
        int failures = inARow;
        if (failures <= 1) {
            LOG.warn(text, exception);
        } else {
            LOG.warn("{} (failed poll {} in a row; the first one's stack trace is logged above): {}", text, failures,
                    summary(exception));
        }
    }

    /** The exception and its causes on one line. */
    private static String summary(Throwable exception) {
        StringBuilder line = new StringBuilder(String.valueOf(exception));
        Throwable cause = exception.getCause();
        for (int depth = 0; cause != null && cause != exception && depth < 5; depth++) {
            line.append("; caused by ").append(cause);
            cause = cause.getCause();
        }
        return line.toString();
    }
}
