package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --report DIR} on each verdict, and when DIR cannot be written. */
class VerifyReportTest {

    @TempDir Path dir;

    private Path fingerprint(ComparisonMode mode) {
        return TestFingerprints.naturalMnist(dir.resolve("f.sfp"), 4, mode, null);
    }

    private JsonNode reportJson(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    @Test
    void anIntactRunWritesAReportThatSaysSo() throws Exception {
        Path f = fingerprint(ComparisonMode.EXACT);
        Path out = dir.resolve("report");
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "local:" + TestFingerprints.mlpClean(),
                        "--report",
                        out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = reportJson(out);
        assertThat(j.get("verdict").asText()).isEqualTo("INTACT");
        assertThat(j.get("fingerprint").get("path").asText()).isEqualTo(f.toString());
        assertThat(j.get("fingerprint").get("model").asText()).isEqualTo("mnist_mlp_clean.pt");
        assertThat(j.get("samples")).hasSize(4);
        assertThat(j.get("samples").get(0).get("received")).hasSize(10);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("verdict INTACT").contains("n000").contains("n003");
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(5);
    }

    @Test
    void aTamperedRunNamesTheDifferingSamplesInTheReport() throws Exception {
        Path f = fingerprint(ComparisonMode.PROBS);
        Path out = dir.resolve("report");
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "local:" + SharedFiles.model("mnist_mlp_trojan.pt"),
                        "--report",
                        out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.TAMPERED);
        JsonNode j = reportJson(out);
        assertThat(j.get("verdict").asText()).isEqualTo("TAMPERED");
        assertThat(j.get("counts").get("differs").asInt()).isPositive();
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("verdict TAMPERED")
                .contains("class=\"num diff\"");
    }

    @Test
    void anInconclusiveRunWritesTheReasons() throws Exception {
        Path f = fingerprint(ComparisonMode.LABEL);
        Path out = dir.resolve("report");
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "http://127.0.0.1:9",
                        "--retries",
                        "0",
                        "--report",
                        out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INCONCLUSIVE);
        JsonNode j = reportJson(out);
        assertThat(j.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(j.get("counts").get("failed").asInt()).isEqualTo(4);
        assertThat(j.get("samples").get(0).get("received").isNull()).isTrue();
        assertThat(j.get("samples").get(0).get("detail").asText()).isNotBlank();
        assertThat(Files.readString(out.resolve("index.html"))).contains("verdict INCONCLUSIVE");
    }

    @Test
    void anUnwritableReportDirectoryIsExit2AfterTheVerdictIsShown() throws Exception {
        Path f = fingerprint(ComparisonMode.LABEL);
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRun run =
                CliRun.of(
                        "verify",
                        f.toString(),
                        "--endpoint",
                        "local:" + TestFingerprints.mlpClean(),
                        "--report",
                        blocker.resolve("sub").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out()).contains("INTACT: all 4 samples matched");
        assertThat(run.err().strip())
                .startsWith("sensiprint verify: cannot write the report to ")
                .doesNotContain("\n");
    }
}
