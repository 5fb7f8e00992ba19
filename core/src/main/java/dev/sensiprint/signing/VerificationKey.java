package dev.sensiprint.signing;

import dev.sensiprint.error.BadInputException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key: checks signatures and names the key by its id.
 *
 * <p>The key id is the first 16 hex digits of the SHA-256 of the key's X.509 (SubjectPublicKeyInfo)
 * DER encoding, short enough to read aloud and to compare by eye.
 */
public final class VerificationKey {

    /** The JDK's name for the algorithm (built in since Java 15). */
    public static final String ALGORITHM = "Ed25519";

    private final PublicKey key;
    private final byte[] encoded;
    private final String keyId;

    private VerificationKey(PublicKey key) {
        this.key = key;
        this.encoded = key.getEncoded();
        this.keyId = keyIdOf(encoded);
    }

    /**
     * Wraps a JDK public key.
     *
     * @throws IllegalArgumentException if it is not an Ed25519 key
     */
    public static VerificationKey of(PublicKey key) {
        if (key == null
                || !(ALGORITHM.equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm()))
                || !"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        // Re-decode so an Ed448 key (also "EdDSA") is refused.
        return fromX509(key.getEncoded(), "public key");
    }

    /**
     * Decodes an X.509 SubjectPublicKeyInfo DER encoding.
     *
     * @param what what the bytes are, for messages
     * @throws BadInputException if the bytes are not an Ed25519 public key
     */
    public static VerificationKey fromX509(byte[] der, String what) {
        PublicKey key;
        try {
            key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BadInputException(what + ": not an Ed25519 public key");
        }
        VerificationKey result = new VerificationKey(key);
        if (!Arrays.equals(result.encoded, der)) {
            throw new BadInputException(what + ": not a canonical Ed25519 public key encoding");
        }
        return result;
    }

    /** True when {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature (wrong length, point not on the curve) is simply invalid.
            return false;
        }
    }

    /** The X.509 SubjectPublicKeyInfo DER encoding (44 bytes for Ed25519). */
    public byte[] x509() {
        return encoded.clone();
    }

    public PublicKey publicKey() {
        return key;
    }

    /** First 16 hex digits of SHA-256 over {@link #x509()}. */
    public String keyId() {
        return keyId;
    }

    static String keyIdOf(byte[] x509) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(x509);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && Arrays.equals(encoded, k.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Ed25519 public key " + keyId;
    }
}
