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
 * The online half must not load libtorch (architecture.md): {@code inspect}, {@code verify} and
 * {@code watch} against a server run in a fresh JVM with the full class path, and no DJL class may
 * load. Also where a real process matters: {@code watch} ends with exit code 0 on SIGTERM.
 */
class LightweightCommandsTest {

    @TempDir Path dir;

    private static Process start(boolean verbose, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        if (verbose) {
            cmd.add("-verbose:class");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> loadedClasses(String... args)
            throws IOException, InterruptedException {
        Process p = start(true, args);
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

    @Test
    void watchAgainstAServerLoadsNoDjlClass() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, null);
        List<String> classes =
                loadedClasses(
                        "watch",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--retries",
                        "0",
                        "--rounds",
                        "1",
                        "--metrics-port",
                        "0");
        assertThat(classes).anyMatch(l -> l.contains("dev.sensiprint.watch.Watch "));
        assertThat(classes).anyMatch(l -> l.contains("io.micrometer.prometheusmetrics."));
        assertThat(classes).noneMatch(l -> l.contains(" ai.djl."));
    }

    @Test
    void watchStopsOnSigtermWithExitCode0() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, null);
        Process p =
                start(
                        false,
                        "watch",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--retries",
                        "0",
                        "--interval",
                        "1h",
                        "--metrics-port",
                        "0");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch firstRound = new java.util.concurrent.CountDownLatch(1);
        Thread reader =
                new Thread(
                        () ->
                                new java.io.BufferedReader(
                                                new java.io.InputStreamReader(
                                                        p.getInputStream(), StandardCharsets.UTF_8))
                                        .lines()
                                        .forEach(
                                                l -> {
                                                    lines.add(l);
                                                    if (l.contains("round=1 ")) {
                                                        firstRound.countDown();
                                                    }
                                                }));
        reader.start();
        try {
            assertThat(firstRound.await(60, TimeUnit.SECONDS)).as(lines.toString()).isTrue();
            // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
            p.toHandle().destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(p.exitValue()).as(lines.toString()).isZero();
        assertThat(lines).anyMatch(l -> l.contains("verdict=INCONCLUSIVE"));
        assertThat(lines).anyMatch(l -> l.contains("sensiprint watch: stopped after 1 rounds"));
    }
}
