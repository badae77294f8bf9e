package io.camelaccs.inbound;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An RSA public key from its PEM text ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), as Adobe I/O
 * Events serves its signing keys and as the Commerce Admin shows its webhook key.
 */
public final class PemPublicKey {

    private PemPublicKey() {
    }

    /**
     * @throws GeneralSecurityException the text is not a Base64 PEM RSA public key
     */
    public static PublicKey parse(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) (RSA )?PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("The key is not a Base64 PEM public key");
        }
    }
}
