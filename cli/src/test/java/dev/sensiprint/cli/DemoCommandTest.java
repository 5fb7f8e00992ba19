package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir Path dir;

    @Test
    @Tag("slow")
    void shippedDemoEndsIntactThenTampered() {
        CliRun run = CliRun.of("demo", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("INTACT: all 10 samples matched")
                .contains("TAMPERED")
                .contains("total");
        assertThat(dir.resolve("mnist-demo.sfp")).isRegularFile();
        assertThat(dir.resolve("mnist-demo-tampered.pt")).isRegularFile();
        assertThat(dir.resolve("keys/sensiprint.pub")).isRegularFile();
    }

    @Test
    @Tag("slow")
    void demoThatCannotTellTheCopyApartFailsInsteadOfClaimingSuccess() {
        // The "tampered" copy is unchanged, so verify says INTACT where the story needs TAMPERED.
        CliRun run =
                CliRun.of(
                        "demo",
                        "--out",
                        dir.toString(),
                        "--model",
                        SharedFiles.model("mnist_mlp_clean.pt").toString(),
                        "--attack",
                        "none");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(run.err()).contains("expected exit 3 from verify but got 0");
        assertThat(run.out()).doesNotContain("What happened");
    }

    @Test
    void missingModelIsBadInput() {
        CliRun run =
                CliRun.of(
                        "demo",
                        "--out",
                        dir.toString(),
                        "--model",
                        dir.resolve("nope.pt").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("cannot find the demo model").contains("nope.pt");
        assertThat(Files.exists(dir.resolve("keys"))).isFalse();
    }
}
