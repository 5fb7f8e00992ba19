package dev.sensiprint.attack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared models and data in ../shared; a test that needs one skips, naming it, if absent. */
final class SharedFiles {

    private SharedFiles() {}

    static Path model(String name) {
        return file("models", name);
    }

    static Path data(String name) {
        return file("data", name);
    }

    private static Path file(String folder, String name) {
        Path path = Path.of(System.getProperty("sensiprint.shared", "../shared"), folder, name);
        assumeTrue(
                Files.isRegularFile(path),
                "needs ../shared/"
                        + folder
                        + "/"
                        + name
                        + " (the project's shared files), not found at "
                        + path);
        return path;
    }
}
