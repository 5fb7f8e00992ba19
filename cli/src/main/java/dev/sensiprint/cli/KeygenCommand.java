package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.signing.PemKeys;
import dev.sensiprint.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint keygen}: an Ed25519 key pair for signing fingerprints. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Make an Ed25519 key pair (PEM) for signing fingerprints.",
            "Writes NAME.key (private, owner-only) and NAME.pub (public) into the folder."
        })
final class KeygenCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final String DEFAULT_NAME = "sensiprint";

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Folder for the keys.")
    Path dir;

    @Option(
            names = "--name",
            defaultValue = DEFAULT_NAME,
            description = "File name stem (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--force", description = "Replace existing key files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException(
                    "key name '" + name + "' must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        Files.createDirectories(dir);
        Path priv = privateKey(dir, name);
        Path pub = publicKey(dir, name);
        if (!force) {
            for (Path p : new Path[] {priv, pub}) {
                if (Files.exists(p)) {
                    throw new BadInputException(p + " exists; pass --force to replace it");
                }
            }
        }
        SigningKey key = SigningKey.generate();
        PemKeys.writePrivateKey(key, priv, force);
        PemKeys.writePublicKey(key.verificationKey(), pub, force);
        var out = spec.commandLine().getOut();
        out.printf(
                "private key  %s (keep it secret; sign with: generate --sign-key %s)%n",
                priv, priv);
        out.printf("public key   %s (give it to verifiers: verify --key %s)%n", pub, pub);
        out.printf("key id       %s%n", key.keyId());
        out.flush();
        return ExitCode.OK;
    }

    static Path privateKey(Path dir, String name) {
        return dir.resolve(name + ".key");
    }

    static Path publicKey(Path dir, String name) {
        return dir.resolve(name + ".pub");
    }
}
