package dev.sensiprint.cli;

import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.fingerprint.file.FingerprintReader;
import dev.sensiprint.signing.PemKeys;
import dev.sensiprint.signing.VerificationKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The fingerprint file a command reads, and the key that must have signed it. */
final class FingerprintOptions {

    @Parameters(index = "0", paramLabel = "F.sfp", description = "The fingerprint file.")
    Path file;

    @Option(
            names = "--key",
            paramLabel = "PUB.pem",
            description =
                    "Public key (PEM) that must have signed the file; an unsigned file or one"
                            + " signed by another key is then rejected (exit 2).")
    Path key;

    /** Reads and checks the file; a bad file or signature is a BadInputException (exit 2). */
    FingerprintFile read() {
        VerificationKey trusted = key == null ? null : PemKeys.readPublicKey(key);
        return FingerprintReader.read(file, trusted);
    }
}
