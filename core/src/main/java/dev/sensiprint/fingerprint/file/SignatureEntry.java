package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.signing.SigningKey;
import dev.sensiprint.signing.VerificationKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * The {@code signature.json} entry: an Ed25519 signature over the exact bytes of {@code
 * digests.json}, with the public key that made it and that key's id.
 */
record SignatureEntry(VerificationKey key, byte[] signature) {

    static final String ENTRY = "signature.json";
    static final String ALGORITHM = "Ed25519";
    static final int SIGNATURE_BYTES = 64;
    private static final Set<String> FIELDS =
            Set.of("algorithm", "signedEntry", "keyId", "publicKey", "signature");

    static SignatureEntry sign(SigningKey key, byte[] digestsJson) {
        return new SignatureEntry(key.verificationKey(), key.sign(digestsJson));
    }

    byte[] toJson() {
        return JsonFormat.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("algorithm", ALGORITHM);
                    g.writeStringField("signedEntry", Digests.ENTRY);
                    g.writeStringField("keyId", key.keyId());
                    g.writeStringField("publicKey", Base64.getEncoder().encodeToString(key.x509()));
                    g.writeStringField("signature", Base64.getEncoder().encodeToString(signature));
                    g.writeEndObject();
                });
    }

    /** Parses the entry; does not verify the signature. */
    static SignatureEntry parse(byte[] json) {
        StrictObject root = StrictObject.parse(json, ENTRY, FIELDS);
        String algorithm = root.string("algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw root.bad(
                    "algorithm " + Names.quote(algorithm) + ", expected " + Names.quote(ALGORITHM));
        }
        String signed = root.string("signedEntry");
        if (!Digests.ENTRY.equals(signed)) {
            throw root.bad(
                    "signedEntry "
                            + Names.quote(signed)
                            + ", expected "
                            + Names.quote(Digests.ENTRY));
        }
        VerificationKey key =
                VerificationKey.fromX509(base64(root, "publicKey"), ENTRY + ": publicKey");
        String keyId = root.string("keyId");
        if (!key.keyId().equals(keyId)) {
            throw root.bad(
                    "keyId "
                            + Names.quote(keyId)
                            + " does not match the public key ("
                            + key.keyId()
                            + ")");
        }
        byte[] signature = base64(root, "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw root.bad(
                    "signature has " + signature.length + " bytes, an Ed25519 signature has 64");
        }
        return new SignatureEntry(key, signature);
    }

    boolean verifies(byte[] digestsJson) {
        return key.verifies(digestsJson, signature);
    }

    private static byte[] base64(StrictObject root, String field) {
        try {
            return Base64.getDecoder().decode(root.string(field));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ENTRY + ": " + field + " is not valid base64");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureEntry s
                && key.equals(s.key)
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "signature by " + key.keyId();
    }
}
