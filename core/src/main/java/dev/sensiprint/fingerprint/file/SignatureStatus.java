package dev.sensiprint.fingerprint.file;

/** What a fingerprint file's signature proved. */
public enum SignatureStatus {
    /** No signature: only the digests protect against accidental corruption. */
    UNSIGNED,
    /**
     * Signed, and the signature verifies with the public key embedded in the file: the file is
     * intact since the key's holder signed it, but nothing says who that holder is. Compare the key
     * id with one you trust, or pass the trusted key to get {@link #VERIFIED}.
     */
    SIGNED,
    /** Signed by the trusted public key the caller passed. */
    VERIFIED
}
