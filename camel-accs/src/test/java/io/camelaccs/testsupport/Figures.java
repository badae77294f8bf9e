package io.camelaccs.testsupport;

import java.time.Duration;

/** The measured figures a test prints beside its assertions, for a reader comparing runs. */
public final class Figures {

    private Figures() {
    }

    public static void report(String test, String figures) {
        System.out.println("[figures] " + test + ": " + figures);
    }

    public static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
