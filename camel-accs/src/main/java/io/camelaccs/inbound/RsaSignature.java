package io.camelaccs.inbound;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The one signature both of Adobe's pushes use: {@code SHA256withRSA}, the signature sent as Base64 in a header.
 * I/O Events signs the raw body, Commerce webhooks the Base64 of it; each caller passes the bytes signed.
 */
public final class RsaSignature {

    private RsaSignature() {
    }

    /**
     * Whether {@code signature} (Base64) signs {@code signed} with {@code key}; false for a blank, malformed or
     * wrongly shaped signature.
     */
    public static boolean verifies(byte[] signed, String signature, PublicKey key) {
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
            // not thread-safe, so one per check; the key is parsed once by the caller
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed);
            return rsa.verify(decoded);
        } catch (GeneralSecurityException e) {
            // a signature of the wrong length or shape: not this key's
            return false;
        }
    }
}
