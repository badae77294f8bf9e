package io.camelaccs.webhook;

import java.security.PublicKey;
import java.util.Base64;

import io.camelaccs.inbound.RsaSignature;

/**
 * Checks {@code x-adobe-commerce-webhook-signature} as Adobe's own samples do: an RSA signature with SHA-256
 * ({@code SHA256withRSA}, whatever Adobe's page says about HMAC) over the Base64 encoding of the raw request body,
 * not over the body's bytes, with the public key the Commerce Admin shows.
 */
final class CommerceSignature {

    static final String HEADER = "x-adobe-commerce-webhook-signature";

    private final PublicKey key;

    CommerceSignature(PublicKey key) {
        this.key = key;
    }

    /** Whether {@code signature} (Base64) signs {@code body}; false for a missing or malformed one. */
    boolean verifies(byte[] body, String signature) {
        return RsaSignature.verifies(Base64.getEncoder().encode(body), signature, key);
    }
}
