package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.fingerprint.file.FingerprintReader;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir Path dir;

    private Path fingerprint(ComparisonMode mode) {
        return TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 10, mode, null);
    }

    @Test
    void theFingerprintedFileVerifiesIntactInEveryMode() {
        Path f = fingerprint(ComparisonMode.EXACT);
        String local = "local:" + TestFingerprints.mlpClean();
        for (String mode : new String[] {"label", "topk", "probs", "exact"}) {
            CliRun run = CliRun.of("verify", f.toString(), "--endpoint", local, "--mode", mode);
            assertThat(run.exitCode()).as(mode + ": " + run.out() + run.err()).isZero();
            assertThat(run.out()).contains("INTACT: all 10 samples matched");
        }
    }

    @Test
    void reportsTheNoiseFloorTheFingerprintWasCalibratedAgainst() throws Exception {
        Path f = fingerprint(ComparisonMode.LABEL);
        FingerprintFile file = FingerprintReader.read(f);
        String local = "local:" + TestFingerprints.mlpClean();
        CliRun text = CliRun.of("verify", f.toString(), "--endpoint", local);
        assertThat(text.out())
                .containsPattern(
                        "drift +benign noise floor "
                                + Numbers.sig(file.fingerprint().comparison().noiseFloor())
                                        .replace(".", "\\.")
                                + "[; ]");
        CliRun json = CliRun.of("verify", f.toString(), "--endpoint", local, "--json");
        assertThat(new ObjectMapper().readTree(json.out()).get("noiseFloor").asDouble())
                .isEqualTo(file.fingerprint().comparison().noiseFloor());
    }

    @Test
    void theTrojanedTwinIsTampered() throws Exception {
        Path f = fingerprint(ComparisonMode.PROBS);
        String trojan = "local:" + SharedFiles.model("mnist_mlp_trojan.pt");
        CliRun run = CliRun.of("verify", f.toString(), "--endpoint", trojan, "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.TAMPERED);
        var json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("TAMPERED");
        assertThat(json.get("differed").asInt()).isPositive();
    }

    @Test
    void anUnreachableServerIsInconclusiveNeverIntact() {
        Path f = fingerprint(ComparisonMode.LABEL);
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--retries",
                        "0",
                        "--timeout",
                        "2s");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(run.out()).contains("INCONCLUSIVE");
    }

    @Test
    void aBadModeIsAUsageError() {
        Path f = fingerprint(ComparisonMode.LABEL);
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--mode",
                        "fuzzy");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("unknown comparison mode 'fuzzy'");
    }
}
