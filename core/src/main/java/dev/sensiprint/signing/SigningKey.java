package dev.sensiprint.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * An Ed25519 private key with its public half. Signatures are deterministic (RFC 8032), so the same
 * key and message always give the same bytes.
 *
 * <p>{@link #toString()} names the key by its id and never shows key material.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final VerificationKey verificationKey;

    private SigningKey(PrivateKey privateKey, VerificationKey verificationKey) {
        this.privateKey = privateKey;
        this.verificationKey = verificationKey;
    }

    /** A fresh key from the JDK's default strong random source. */
    public static SigningKey generate() {
        try {
            KeyPair pair =
                    KeyPairGenerator.getInstance(VerificationKey.ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), VerificationKey.of(pair.getPublic()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    /**
     * The signing key for a private key, with its public key derived from it.
     *
     * @throws IllegalArgumentException if {@code key} is not an Ed25519 private key
     */
    public static SigningKey of(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed)
                || !NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())
                || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        try {
            return new SigningKey(key, VerificationKey.of(derivePublic(seed)));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The JDK has no public API that computes an Ed25519 public key from the private one, but its
     * key pair generator takes the 32-byte private key from the random source it is given (one
     * {@code nextBytes} call) and derives the public key from it. Feeding it the private key
     * reproduces the pair; the result is checked, so a JDK that works differently fails loudly.
     */
    private static java.security.PublicKey derivePublic(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(VerificationKey.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new ReplayRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            boolean same = Arrays.equals(regenerated, seed);
            Arrays.fill(regenerated, (byte) 0);
            if (!same || !signsConsistently(pair)) {
                throw new IllegalStateException(
                        "this JDK cannot derive an Ed25519 public key from a private key");
            }
            return pair.getPublic();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK lacks Ed25519", e);
        }
    }

    private static boolean signsConsistently(KeyPair pair) {
        byte[] probe = "sensiprint key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(VerificationKey.ALGORITHM);
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            return VerificationKey.of(pair.getPublic()).verifies(probe, signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Signs {@code message} (Ed25519, 64 bytes). */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(VerificationKey.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    public String keyId() {
        return verificationKey.keyId();
    }

    /** The PKCS#8 DER encoding of the private key (secret: handle with care). */
    byte[] pkcs8() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "Ed25519 signing key " + keyId();
    }

    /** Hands out the given bytes once; used only to replay a known private key. */
    private static final class ReplayRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private boolean used;

        ReplayRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
            Arrays.fill(bytes, (byte) 0);
            used = true;
        }
    }
}
