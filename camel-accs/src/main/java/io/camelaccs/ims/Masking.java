package io.camelaccs.ims;

/**
 * How credentials are shown where people look (logs, consoles, health details): a client id keeps enough to tell two
 * clients apart, nothing else of a credential is ever shown.
 */
public final class Masking {

    private Masking() {
    }

    /** The first four characters of a client id followed by {@code ****}; {@code null} stays {@code null}. */
    public static String clientId(String clientId) {
        if (clientId == null) {
            return null;
        }
        return (clientId.length() <= 8 ? "" : clientId.substring(0, 4)) + "****";
    }
}
