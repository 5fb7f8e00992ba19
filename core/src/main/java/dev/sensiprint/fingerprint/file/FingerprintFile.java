package dev.sensiprint.fingerprint.file;

import dev.sensiprint.fingerprint.Fingerprint;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fingerprint file that was read and checked.
 *
 * @param fingerprint the content
 * @param signature what the signature proved
 * @param signerKeyId id of the key that signed the file ({@link
 *     dev.sensiprint.signing.VerificationKey#keyId()}), null when unsigned
 * @param sha256 SHA-256 of the whole file, lower-case hex, for logs and reports
 * @param sizeBytes the file's size
 */
public record FingerprintFile(
        Fingerprint fingerprint,
        SignatureStatus signature,
        String signerKeyId,
        String sha256,
        long sizeBytes) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FingerprintFile {
        if (fingerprint == null || signature == null || sha256 == null) {
            throw new IllegalArgumentException(
                    "fingerprint, signature status and sha256 are required");
        }
        if ((signature == SignatureStatus.UNSIGNED) != (signerKeyId == null)) {
            throw new IllegalArgumentException(
                    "a signer key id goes with a signed file, and only then");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** The signer's key id, empty when unsigned. */
    public Optional<String> signer() {
        return Optional.ofNullable(signerKeyId);
    }
}
