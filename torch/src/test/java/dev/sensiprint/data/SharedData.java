package dev.sensiprint.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data sets in ../shared/data; tests that need one skip, naming it, when it is absent. */
final class SharedData {

    private SharedData() {}

    /** {@code ../shared/data/<name>}, or the calling test is skipped. */
    static Path file(String name) {
        String shared = System.getProperty("sensiprint.shared", "../shared");
        Path path = Path.of(shared, "data", name);
        assumeTrue(
                Files.isRegularFile(path),
                "needs ../shared/data/"
                        + name
                        + " (the project's shared data), not found at "
                        + path);
        return path;
    }

    /** A file of Debian's dataset-fashion-mnist package, or the calling test is skipped. */
    static Path fashionMnist(String name) {
        Path path = Path.of("/usr/share/datasets/fashion-mnist", name);
        assumeTrue(
                Files.isRegularFile(path),
                "needs " + path + " (apt-get install dataset-fashion-mnist)");
        return path;
    }
}
