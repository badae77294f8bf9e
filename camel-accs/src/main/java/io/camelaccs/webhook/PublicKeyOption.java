package io.camelaccs.webhook;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

import io.camelaccs.inbound.PemPublicKey;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/** Option {@code publicKey} made a key: a {@link PublicKey} bean, PEM text, or a {@code file:}/{@code classpath:} PEM. */
final class PublicKeyOption {

    private static final String ACCEPTED = "expected the PEM text the Commerce Admin shows (-----BEGIN PUBLIC KEY-----"
                                           + " ...), file:/path/to/key.pem, classpath:key.pem, or #bean:name of a"
                                           + " java.security.PublicKey";

    private PublicKeyOption() {
    }

    static PublicKey resolve(Object option, CamelContext context) {
        if (option instanceof PublicKey key) {
            return key;
        }
        if (!(option instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("Option publicKey is not a key: " + ACCEPTED);
        }
        String value = text.trim();
        if (value.startsWith("#")) {
            String name = value.startsWith("#bean:") ? value.substring(6) : value.substring(1);
            Object bean = context.getRegistry().lookupByName(name);
            if (bean instanceof PublicKey key) {
                return key;
            }
            throw new IllegalArgumentException("Option publicKey names bean '" + name + "', which is "
                                               + (bean == null ? "not in the registry" : "not a PublicKey") + ": "
                                               + ACCEPTED);
        }
        String pem = value;
        if (value.startsWith("file:") || value.startsWith("classpath:")) {
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, value)) {
                pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (Exception e) {
                throw new IllegalArgumentException("Option publicKey: cannot read " + value + " ("
                                                   + e.getClass().getSimpleName() + ")");
            }
        }
        try {
            return PemPublicKey.parse(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Option publicKey is not an RSA public key: " + ACCEPTED);
        }
    }
}
