package io.camelaccs.webhook;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

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
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(Base64.getEncoder().encode(body));
            return rsa.verify(decoded);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or shape: not this key's
            return false;
        }
    }
}
