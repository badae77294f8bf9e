package io.camelaccs.events;

import java.io.IOException;
import java.security.GeneralSecurityException;

import io.camelaccs.inbound.RsaSignature;

/**
 * Checks a webhook delivery as Adobe's SDKs do: {@code SHA256withRSA} over the raw body bytes, the signature Base64
 * in {@code x-adobe-digital-signature-1} or {@code -2}, the key at {@code x-adobe-public-key1-path} or {@code -2-path}
 * on the key host. Authentic when either pair verifies (Adobe rotates keys through the second pair). The retired HMAC
 * header {@code x-adobe-signature} is not accepted.
 */
final class SignatureVerifier {

    /** Why a delivery is authentic or not; {@link #UNAVAILABLE} means no key could be fetched (try again later). */
    enum Verdict {
        AUTHENTIC, FORGED, UNSIGNED, UNAVAILABLE
    }

    private final PublicKeyCache keys;

    SignatureVerifier(PublicKeyCache keys) {
        this.keys = keys;
    }

    Verdict verify(byte[] body, String signature1, String keyPath1, String signature2, String keyPath2) {
        boolean signed = false;
        boolean unavailable = false;
        String[][] pairs = { { signature1, keyPath1 }, { signature2, keyPath2 } };
        for (String[] pair : pairs) {
            if (pair[0] == null || pair[0].isBlank() || pair[1] == null || pair[1].isBlank()) {
                continue;
            }
            signed = true;
            try {
                if (RsaSignature.verifies(body, pair[0], keys.key(pair[1].trim()))) {
                    return Verdict.AUTHENTIC;
                }
            } catch (PublicKeyCache.KeyUnavailableException e) {
                unavailable = true;
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                // a key path off the key host, no key there, or not a key: this pair does not verify
            }
        }
        if (!signed) {
            return Verdict.UNSIGNED;
        }
        return unavailable ? Verdict.UNAVAILABLE : Verdict.FORGED;
    }
}
