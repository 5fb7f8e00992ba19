package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.signing.PemKeys;
import dev.sensiprint.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir Path dir;

    @Test
    void printsTheModelAndOneRowPerSample() {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 3, ComparisonMode.LABEL, null);
        CliRun run = CliRun.of("inspect", f.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("mnist_mlp_clean.pt")
                .contains("1×28×28")
                .contains("unsigned")
                .contains("n000")
                .contains("n002");
    }

    @Test
    void jsonCarriesEverySampleWithItsLabelAndMargin() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 3, ComparisonMode.LABEL, null);
        CliRun run = CliRun.of("inspect", "--json", f.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("samples")).hasSize(3);
        // The first MNIST test image is a 7, and the clean MLP gets it right.
        assertThat(json.get("samples").get(0).get("label").asInt()).isEqualTo(7);
        assertThat(json.get("samples").get(0).get("margin").asDouble()).isPositive();
        assertThat(json.get("model").get("numClasses").asInt()).isEqualTo(10);
    }

    @Test
    void aCorruptFileIsBadInputWithOneLine() throws Exception {
        Path f = TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, null);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(f, bytes);
        CliRun run = CliRun.of("inspect", f.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().strip())
                .startsWith("sensiprint inspect: ")
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void aFileSignedByAnotherKeyIsRejectedWhenAKeyIsRequired() {
        Path f =
                TestFingerprints.naturalMnist(
                        dir.resolve("f.sfp"), 2, ComparisonMode.LABEL, SigningKey.generate());
        Path trusted = dir.resolve("trusted.pub");
        PemKeys.writePublicKey(SigningKey.generate().verificationKey(), trusted, false);
        CliRun run = CliRun.of("inspect", "--key", trusted.toString(), f.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(CliRun.of("inspect", f.toString()).out()).contains("signed by key");
    }

    @Test
    void aMissingFileIsBadInput() {
        CliRun run = CliRun.of("inspect", dir.resolve("none.sfp").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
