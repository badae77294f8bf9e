package io.camelaccs.ims;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token with the instants that decide its use. Immutable; {@link #toString()} never shows the token.
 */
public final class AccessToken {

    private final String value;
    private final Instant issuedAt;
    private final Instant expiresAt;

    public AccessToken(String value, Instant issuedAt, Instant expiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The bearer token itself: send it, never log it. */
    public String value() {
        return value;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Duration lifetime() {
        return Duration.between(issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
