package dev.sensiprint.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared models and data ({@code ../shared}), or a skip that names what is missing.
 * On CI ({@code CI=true}) the folder is always laid beside the checkout, so there a missing file
 * fails the test instead of skipping it: a skipped test must never pass for a run one.
 */
public final class SharedFiles {

    private SharedFiles() {}

    public static Path root() {
        String p = System.getProperty("sensiprint.shared", "../shared");
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** {@code ../shared/models/<name>}. */
    public static Path model(String name) {
        return require(root().resolve("models").resolve(name), "../shared/models/" + name);
    }

    /** {@code ../shared/data/<name>}. */
    public static Path data(String name) {
        return require(root().resolve("data").resolve(name), "../shared/data/" + name);
    }

    /** A file of Debian's dataset-fashion-mnist package (CI installs it). */
    public static Path fashionMnist(String name) {
        return require(
                Path.of("/usr/share/datasets/fashion-mnist", name),
                "apt-get install dataset-fashion-mnist");
    }

    private static Path require(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            String message =
                    "needs " + what + " (the project's shared models and data), not found at " + p;
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return p;
    }
}
