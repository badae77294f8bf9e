package io.camelaccs.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * The RSA key pairs of the simulated I/O Events: two that sign deliveries (I/O Events sends two signatures so that
 * it can rotate keys) and one of an attacker, served only under another host name, for forged deliveries. Made on
 * first use, as 2048-bit keys take a moment and most tests never need them. Public keys are served as X.509 (SPKI)
 * PEM at {@code /prod/keys/pub-key-<id>.pem}, where Adobe serves its own (consumers accept no other key path).
 */
final class WebhookKeys {

    static final String PATH_PREFIX = "/prod/keys/pub-key-";
    static final String PATH_SUFFIX = ".pem";

    /** Which key: the two of I/O Events and the attacker's. */
    enum Slot {
        FIRST, SECOND, ATTACKER
    }

    private final String[] ids;
    private volatile Map<Slot, KeyPair> pairs;

    /** @param ids the key ids of the three slots, in {@link Slot} order */
    WebhookKeys(String... ids) {
        this.ids = ids.clone();
    }

    /** The key path, as the {@code x-adobe-public-keyN-path} header carries it. */
    String path(Slot slot) {
        return PATH_PREFIX + ids[slot.ordinal()] + PATH_SUFFIX;
    }

    /** The slot whose key this path names, or null. */
    Slot slotOf(String path) {
        for (Slot slot : Slot.values()) {
            if (path(slot).equals(path)) {
                return slot;
            }
        }
        return null;
    }

    String pem(Slot slot) {
        return pem(pairs().get(slot).getPublic());
    }

    /** A public key as X.509 (SPKI) PEM text; the Commerce webhook signer shows its key the same way. */
    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
               + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
               + "\n-----END PUBLIC KEY-----\n";
    }

    /** Base64 of {@code SHA256withRSA} over the bytes, as the {@code x-adobe-digital-signature-N} headers. */
    String sign(Slot slot, byte[] body) {
        try {
            PrivateKey key = pairs().get(slot).getPrivate();
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the simulator's " + slot + " key", e);
        }
    }

    private Map<Slot, KeyPair> pairs() {
        Map<Slot, KeyPair> made = pairs;
        if (made == null) {
            synchronized (this) {
                made = pairs;
                if (made == null) {
                    made = Map.of(Slot.FIRST, generate(), Slot.SECOND, generate(), Slot.ATTACKER, generate());
                    pairs = made;
                }
            }
        }
        return made;
    }

    /** A fresh 2048-bit RSA key pair. */
    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is a mandatory JDK algorithm", e);
        }
    }
}
