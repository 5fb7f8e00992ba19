package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.fingerprint.ComparisonMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online half must not load libtorch (architecture.md): {@code inspect} and {@code verify}
 * against a server run in a fresh JVM with the full class path, and no DJL class may load.
 */
class LightweightCommandsTest {

    @TempDir Path dir;

    private static List<String> loadedClasses(String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new java.util.ArrayList<>(
                        List.of(
                                java,
                                "-verbose:class",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("[class,load]")).toList();
    }

    @Test
    void inspectLoadsNoDjlClass() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, null);
        List<String> classes = loadedClasses("inspect", f.toString());
        assertThat(classes).anyMatch(l -> l.contains("dev.sensiprint.cli.InspectCommand"));
        assertThat(classes).noneMatch(l -> l.contains(" ai.djl."));
    }

    @Test
    void verifyAgainstAServerLoadsNoDjlClass() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, null);
        List<String> classes =
                loadedClasses(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--retries",
                        "0");
        assertThat(classes).anyMatch(l -> l.contains("dev.sensiprint.verify.Verifier"));
        assertThat(classes).noneMatch(l -> l.contains(" ai.djl."));
    }
}
