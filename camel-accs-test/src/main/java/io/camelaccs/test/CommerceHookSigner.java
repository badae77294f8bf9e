package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * The key pair Commerce signs its synchronous webhook calls with (Stores > Settings > Configuration > Adobe Services >
 * Webhooks), apart from the I/O Events keys of {@link WebhookKeys}. What is signed is the Base64 text of the raw body,
 * not the body bytes, as Adobe's own verification samples do; made on first use, as most tests never need it.
 */
final class CommerceHookSigner {

    /** The header carrying the signature. */
    static final String HEADER = "x-adobe-commerce-webhook-signature";

    private volatile KeyPair pair;

    /** Base64 of {@code SHA256withRSA} over {@code base64(body)}. */
    String sign(byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair().getPrivate());
            signature.update(Base64.getEncoder().encodeToString(body).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a webhook call with the simulator's key", e);
        }
    }

    String publicKeyPem() {
        return WebhookKeys.pem(pair().getPublic());
    }

    private KeyPair pair() {
        KeyPair made = pair;
        if (made == null) {
            synchronized (this) {
                made = pair;
                if (made == null) {
                    made = WebhookKeys.generate();
                    pair = made;
                }
            }
        }
        return made;
    }
}
