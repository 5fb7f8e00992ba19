package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TamperCommandTest {

    @TempDir Path dir;

    @Test
    void writesATamperedCopyThatAFingerprintCatchesAndReportsAccuracy() {
        Path tampered = dir.resolve("int8.pt");
        CliRun run =
                CliRun.of(
                        "tamper",
                        "--model",
                        TestFingerprints.mlpClean().toString(),
                        "--input-shape",
                        "1,28,28",
                        "--attack",
                        "int8",
                        "--out",
                        tampered.toString(),
                        "--data",
                        SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(),
                        "--limit",
                        "200");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("int8: ").contains("accuracy").contains("on 200 images");
        assertThat(tampered).isRegularFile();

        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 5, ComparisonMode.EXACT, null);
        CliRun verify = CliRun.of("verify", f.toString(), "--endpoint", "local:" + tampered);
        assertThat(verify.exitCode()).isEqualTo(ExitCode.TAMPERED);
    }

    @Test
    void neverWritesOverTheModelItselfNorAnExistingFileWithoutForce() throws Exception {
        Path model = dir.resolve("model.pt");
        Files.copy(TestFingerprints.mlpClean(), model);
        byte[] original = Files.readAllBytes(model);
        String[] base = {
            "tamper", "--model", model.toString(), "--input-shape", "1,28,28", "--attack", "int8"
        };

        CliRun self = CliRun.of(concat(base, "--out", model.toString(), "--force"));
        assertThat(self.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(self.err()).contains("is the input file itself").hasLineCount(1);

        Path existing = dir.resolve("existing.pt");
        Files.writeString(existing, "keep me");
        CliRun noForce = CliRun.of(concat(base, "--out", existing.toString()));
        assertThat(noForce.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noForce.err()).contains("exists; pass --force");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        CliRun forced = CliRun.of(concat(base, "--out", existing.toString(), "--force"));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(existing, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isNotEqualTo("keep me");
        assertThat(Files.readAllBytes(model)).isEqualTo(original);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anUnknownAttackIsBadInputAndWritesNothing() {
        Path out = dir.resolve("x.pt");
        CliRun run =
                CliRun.of(
                        "tamper",
                        "--model",
                        TestFingerprints.mlpClean().toString(),
                        "--input-shape",
                        "1,28,28",
                        "--attack",
                        "melt",
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("unknown attack 'melt'");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aTrojanOnTheDemoModelTrainsOnTheDemoSeedsAndReportsItsSuccessRate() {
        Path out = dir.resolve("trojan.pt");
        CliRun run =
                CliRun.of(
                        "tamper",
                        "--model",
                        Path.of("..", "demo", "model", "mnist-demo.pt").toString(),
                        "--input-shape",
                        "1,28,28",
                        "--attack",
                        "trojan:size=4,target=0",
                        "--out",
                        out.toString(),
                        "--data",
                        Path.of("..", "demo", "seeds").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("trojan:size=4,target=0,pos=br")
                .containsPattern("ASR 0\\.00 % -> (9[5-9]|100)\\.\\d\\d %")
                .contains("clean accuracy")
                .doesNotContain("step cap");
        assertThat(out).isRegularFile();
    }

    @Test
    void aTrainingAttackWithoutDataIsOneLineOfBadInput() {
        Path out = dir.resolve("x.pt");
        CliRun run =
                CliRun.of(
                        "tamper",
                        "--model",
                        Path.of("..", "demo", "model", "mnist-demo.pt").toString(),
                        "--input-shape",
                        "1,28,28",
                        "--attack",
                        "poison:target=3",
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().strip())
                .isEqualTo(
                        "sensiprint tamper: attack poison trains the model and needs labelled"
                                + " images: give --data");
        assertThat(out).doesNotExist();
    }
}
