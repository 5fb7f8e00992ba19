package dev.sensiprint.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared models and data ({@code ../shared}), or a skip that names what is missing.
 */
final class SharedFiles {

    private SharedFiles() {}

    static Path root() {
        String p = System.getProperty("sensiprint.shared", "../shared");
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** {@code ../shared/models/<name>}; skips the test when it is missing. */
    static Path model(String name) {
        return require(root().resolve("models").resolve(name), "models/" + name);
    }

    /** {@code ../shared/data/<name>}; skips the test when it is missing. */
    static Path data(String name) {
        return require(root().resolve("data").resolve(name), "data/" + name);
    }

    private static Path require(Path p, String what) {
        assumeTrue(
                Files.isRegularFile(p),
                "needs ../shared/" + what + " (the project's shared models and data) at " + p);
        return p;
    }
}
