package dev.sensiprint.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared models and data ({@code ../shared}), found through the system property
 * {@code sensiprint.shared} that surefire sets. A test that needs a file is skipped, with the
 * reason, when the file is missing.
 */
public final class SharedFiles {

    private SharedFiles() {}

    /** {@code ../shared/models/<name>}, or the test is skipped. */
    public static Path model(String name) {
        return require("models/" + name);
    }

    /** {@code ../shared/data/<name>}, or the test is skipped. */
    public static Path data(String name) {
        return require("data/" + name);
    }

    private static Path require(String relative) {
        String root = System.getProperty("sensiprint.shared", "../shared");
        Path p = Path.of(root).resolve(relative);
        assumeTrue(
                Files.isRegularFile(p),
                "needs ../shared/" + relative + " (the project's shared models and data)");
        return p;
    }
}
