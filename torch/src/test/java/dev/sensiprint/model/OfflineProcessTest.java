package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline operation proved in fresh JVMs that start with no offline flag and none of DJL's
 * offline/opt-out environment variables, so only {@link TorchRuntime} can keep DJL off the network.
 * A control run without it shows that the recording sees DJL's attempts.
 */
class OfflineProcessTest {

    @TempDir Path dir;

    @Test
    void loadingThroughTheRuntimeAttemptsNoConnectionWithoutAnyLauncherFlag() throws Exception {
        Probe p = run(List.of(), "runtime");
        assertThat(p.exitCode).as(p.output).isZero();
        assertThat(p.attempts()).as(p.output).isZero();
    }

    @Test
    void controlBareDjlWithoutOfflineSettingsTriesToConnect() throws Exception {
        Probe p = run(List.of(), "bare");
        assertThat(p.exitCode).as(p.output).isZero();
        assertThat(p.attempts()).as(p.output).isPositive();
    }

    @Test
    void loadingSucceedsInANetworkNamespaceWithNoNetworkAtAll() throws Exception {
        assumeTrue(
                unshareWorks(), "needs `unshare -n` (Linux, run as root or with user namespaces)");
        Probe p = run(List.of("unshare", "-n"), "runtime");
        assertThat(p.exitCode).as(p.output).isZero();
        assertThat(p.attempts()).as(p.output).isZero();
    }

    private record Probe(int exitCode, String output) {
        int attempts() {
            for (String line : output.split("\\R")) {
                if (line.startsWith("ATTEMPTS ")) {
                    return Integer.parseInt(line.split(" ")[1]);
                }
            }
            throw new AssertionError("probe printed no ATTEMPTS line:\n" + output);
        }
    }

    private Probe run(List<String> prefix, String mode) throws Exception {
        Path model = TinyTorchScript.write(dir.resolve("tiny.pt"), "torch.flatten(x, 1)");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(OfflineProbeMain.class.getName());
        cmd.add(mode);
        cmd.add(model.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DJL_OFFLINE");
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe JVM did not finish");
        }
        return new Probe(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean unshareWorks() {
        try {
            Process p =
                    new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
