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
        if (pem == value) {
            pem = asWritten(value);
        }
        try {
            return PemPublicKey.parse(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Option publicKey is not an RSA public key: " + ACCEPTED);
        }
    }

    /**
     * PEM text as it was written before it passed through an endpoint URI, where Camel reads a {@code +} of a query
     * value as a space ({@code publicKey={{commerce.webhook-key}}} with the PEM in a property): a PEM's Base64 has
     * no spaces of its own, only line breaks, so each space between its armour lines is a {@code +}.
     */
    static String asWritten(String pem) {
        int begin = pem.indexOf("KEY-----");
        int end = pem.lastIndexOf("-----END");
        if (begin < 0 || end < begin) {
            return pem;
        }
        begin += "KEY-----".length();
        return pem.substring(0, begin) + pem.substring(begin, end).replace(' ', '+') + pem.substring(end);
    }
}
