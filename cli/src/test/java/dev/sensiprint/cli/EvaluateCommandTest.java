package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir Path dir;

    private static List<String> base(Path report) {
        List<String> a = new ArrayList<>();
        a.add("evaluate");
        a.add("--model");
        a.add(TestFingerprints.mlpClean().toString());
        a.add("--input-shape");
        a.add("1,28,28");
        a.add("--data");
        a.add(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString());
        a.add("--report");
        a.add(report.toString());
        a.add("--quiet");
        return a;
    }

    private static CliRun run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    @Tag("slow")
    void aSmallRunWritesTheReportWithNoFalsePositiveAndCatchesStrongAttacks() throws IOException {
        Path report = dir.resolve("report");
        CliRun r =
                run(
                        base(report),
                        "--pool-size",
                        "20",
                        "--copies",
                        "3",
                        "--steps",
                        "60",
                        "--attacks",
                        "none;noise:r=0.1,q=0.1;prune:p=30");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f :
                List.of("results.json", "results.csv", "summary.md", "index.html", "samples.png")) {
            assertThat(report.resolve(f)).isNotEmptyFile();
        }
        assertThat(report.resolve("plots/01-noise_r_0.1_q_0.1-label.png")).isNotEmptyFile();
        assertThat(Files.readString(report.resolve("index.html")))
                .contains("<img src=\"plots/02-prune_p_30_scope_global-probs.png\"");

        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        for (JsonNode pool : json.get("pools")) {
            assertThat(pool.get("falsePositives").get("labelRate").asDouble())
                    .as(pool.get("pool").asText())
                    .isZero();
            assertThat(pool.get("falsePositives").get("probsRate").asDouble()).isZero();
        }
        JsonNode attacks = json.get("attacks");
        assertThat(attacks.get(0).get("attack").asText()).isEqualTo("none");
        for (JsonNode pool : attacks.get(0).get("pools")) {
            assertThat(pool.get("label").get("anyDetected").asDouble()).isZero();
            assertThat(pool.get("probs").get("anyDetected").asDouble()).isZero();
        }
        for (int a = 1; a <= 2; a++) {
            JsonNode sensitive = attacks.get(a).get("pools").get(0);
            assertThat(sensitive.get("pool").asText()).isEqualTo("sensitive");
            assertThat(sensitive.get("label").get("randomSubsets").get(19).asDouble())
                    .as(attacks.get(a).get("attack").asText())
                    .isGreaterThanOrEqualTo(0.9);
        }
        assertThat(Files.readString(report.resolve("results.csv")))
                .startsWith("model,attack,copies,pool,pool_size,order,mode,n,")
                .contains(",joint,")
                .contains(",flip_cover,label,");

        List<String> pools = new ArrayList<>();
        json.get("pools").forEach(p -> pools.add(p.get("pool").asText()));
        assertThat(pools)
                .containsExactly(
                        "sensitive",
                        "sensitive_last",
                        "natural",
                        "noise",
                        "margin_only",
                        "sensitive_margin",
                        "joint",
                        "pairs",
                        "joint_pairs");
        JsonNode band = json.get("marginTuning");
        assertThat(band.get("measured").asBoolean()).isTrue();
        for (JsonNode pool : json.get("pools")) {
            if (pool.has("untunable")) {
                assertThat(pool.get("minMargin").asDouble())
                        .as(pool.get("pool").asText())
                        .isGreaterThanOrEqualTo(
                                band.get("bandLow").asDouble()
                                        - 2 * band.get("noiseFloor").asDouble());
                assertThat(pool.get("maxMargin").asDouble())
                        .isLessThanOrEqualTo(
                                band.get("bandHigh").asDouble()
                                        + 2 * band.get("noiseFloor").asDouble());
            }
        }
        JsonNode joint = attacks.get(1).get("pools").get(6);
        assertThat(joint.get("pool").asText()).isEqualTo("joint");
        assertThat(joint.get("label").has("nFor9995InOrder")).isTrue();
        assertThat(joint.get("label").get("inOrder")).isNotEmpty();
        assertThat(json.get("jointSelection").get("simulatedChanges").asInt()).isEqualTo(66);
        assertThat(Files.readString(report.resolve("summary.md")))
                .contains("Label mode at a glance")
                .contains("Margin band")
                .contains("Joint order")
                .contains("Boundary pairs");
        JsonNode pairs = attacks.get(1).get("pools").get(7);
        assertThat(pairs.get("pool").asText()).isEqualTo("pairs");
        assertThat(pairs.get("label").get("unit").asInt()).isEqualTo(2);
        assertThat(pairs.get("label").get("poolSize").asInt() % 2).isZero();
        JsonNode jointPairs = attacks.get(1).get("pools").get(8);
        assertThat(jointPairs.get("pool").asText()).isEqualTo("joint_pairs");
        assertThat(json.get("pools").get(8).get("order").asText()).isEqualTo("flip_cover");
        assertThat(jointPairs.get("label").get("randomSubsets"))
                .isEqualTo(pairs.get("label").get("randomSubsets"));
        assertThat(json.get("jointPairsSelection").get("caughtAfter").size())
                .isEqualTo(pairs.get("label").get("poolSize").asInt() / 2);
    }

    @Test
    void badOptionsExitWithTwoAndOneLine() {
        Path report = dir.resolve("r");
        List<String[]> bad =
                List.of(
                        new String[] {"--attacks", "melt"},
                        new String[] {"--attacks", "none;;int8"},
                        new String[] {"--attacks", "none;none"},
                        new String[] {"--copies", "0"},
                        new String[] {"--pool-size", "10", "--max-n", "11"},
                        new String[] {"--max-n", "0"},
                        new String[] {"--eps", "0"},
                        new String[] {"--eps", "NaN"},
                        new String[] {"--band-width", "0.5"},
                        new String[] {"--classes", "most"},
                        new String[] {"--manc-layers", "every"},
                        new String[] {"--twin", "no-such-twin.onnx"},
                        new String[] {"--safety", "0.5"},
                        new String[] {"--margin-factor", "20"},
                        new String[] {"--margin-factor", "25", "--safety", "15"},
                        new String[] {"--margin-factor", "-30"},
                        new String[] {"--noise-floor", "0"},
                        new String[] {"--noise-floor", "-1e-5"},
                        new String[] {"--noise-floor", "NaN"},
                        new String[] {"--pools", "bogus"},
                        new String[] {"--pools", "natural,,joint"},
                        new String[] {"--pools", "joint,JOINT"},
                        new String[] {"--simulations", "0"},
                        new String[] {"--simulate", "melt"},
                        new String[] {"--attacks", "none;finetune:lr=1e-3,epochs=1"},
                        new String[] {"--attacks", "trojan:size=4"},
                        new String[] {"--train-limit", "0"});
        for (String[] b : bad) {
            CliRun r = run(base(report), b);
            assertThat(r.exitCode()).as(String.join(" ", b)).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        }
        // picocli's own parse errors add the usage text after the one-line message
        CliRun r = run(base(report), "--copies", "many");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("Invalid value for option '--copies'");
    }

    @Test
    void aMarginFactorAtOrBelowTwiceTheSafetyNamesBoth() {
        CliRun r = run(base(dir.resolve("r")), "--margin-factor", "20");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip())
                .contains("margin factor 20.0 must exceed 2 × the safety factor (20.0)");
    }

    @Test
    void anUnknownPoolNamesTheKnownOnes() {
        CliRun r = run(base(dir.resolve("r")), "--pools", "sensitive,margins");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err())
                .contains("unknown pool 'margins'")
                .contains("margin_only,sensitive_margin,joint");
    }

    @Test
    void aMarginFactorIsNotCheckedWhenNoMarginPoolIsAsked() throws IOException {
        Path report = dir.resolve("natural");
        CliRun r =
                run(
                        base(report),
                        "--pools",
                        "natural",
                        "--margin-factor",
                        "5",
                        "--pool-size",
                        "4",
                        "--max-n",
                        "4",
                        "--copies",
                        "1",
                        "--attacks",
                        "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        assertThat(json.get("pools")).hasSize(1);
        assertThat(json.has("marginTuning")).isFalse();
        assertThat(json.has("jointSelection")).isFalse();
    }

    @Test
    void jointPairsAloneAreReportedAsThePairsTheyAre() throws IOException {
        Path report = dir.resolve("joint-pairs");
        CliRun r =
                run(
                        base(report),
                        "--pools",
                        "joint_pairs",
                        "--pool-size",
                        "6",
                        "--max-n",
                        "6",
                        "--copies",
                        "2",
                        "--steps",
                        "10",
                        "--simulations",
                        "2",
                        "--attacks",
                        "none;noise:r=1e-2,q=0.1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        assertThat(json.get("pools")).hasSize(1);
        assertThat(json.get("pools").get(0).get("pool").asText()).isEqualTo("joint_pairs");
        assertThat(json.has("jointPairsSelection")).isTrue();
        assertThat(json.has("jointSelection")).isFalse();
        // With the pairs pool not built, joint_pairs carries the pairs' account and their grid.
        assertThat(Files.readString(report.resolve("summary.md")))
                .contains("Boundary pairs: `joint_pairs` holds")
                .contains(" anchors without a twin")
                .doesNotContain("none (the joint pool");
        assertThat(report.resolve("samples.png")).exists();
    }

    @Test
    void aDeclaredNoiseFloorSetsTheBandOfTheMarginPoolsItReports() throws IOException {
        Path report = dir.resolve("declared");
        CliRun r =
                run(
                        base(report),
                        "--pools",
                        "margin_only,natural",
                        "--noise-floor",
                        "1e-5",
                        "--pool-size",
                        "6",
                        "--max-n",
                        "6",
                        "--copies",
                        "2",
                        "--attacks",
                        "none;noise:r=1e-3,q=0.1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        JsonNode t = json.get("marginTuning");
        assertThat(t.get("measured").asBoolean()).isFalse();
        assertThat(t.get("noiseFloor").asDouble()).isEqualTo(1e-5);
        assertThat(t.get("bandLow").asDouble()).isCloseTo(3e-4, within(1e-12));
        assertThat(t.get("bandHigh").asDouble()).isCloseTo(6e-4, within(1e-12));
        List<String> pools = new ArrayList<>();
        json.get("pools").forEach(p -> pools.add(p.get("pool").asText()));
        assertThat(pools).containsExactly("natural", "margin_only");
        JsonNode margin = json.get("pools").get(1);
        assertThat(margin.get("kept").asInt() + margin.get("untunable").asInt())
                .isEqualTo(6 - margin.get("droppedByCalibration").asInt());
        assertThat(margin.get("minMargin").asDouble()).isGreaterThanOrEqualTo(3e-4 - 2e-5);
        assertThat(margin.get("maxMargin").asDouble()).isLessThanOrEqualTo(6e-4 + 2e-5);
        assertThat(margin.get("falsePositives").get("labelRate").asDouble()).isZero();
        String summary = Files.readString(report.resolve("summary.md"));
        assertThat(summary)
                .contains("declared with --noise-floor")
                .contains("`margin_only` " + margin.get("untunable").asInt() + " of 6")
                .contains("| margin_only |")
                .doesNotContain("| sensitive |");
    }

    @Test
    void aReportPathThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun r = run(base(file), "--pool-size", "5", "--max-n", "5");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("is a file");
    }

    @Test
    void aTrainingAttackWithoutTrainDataNamesTheOption() {
        CliRun r = run(base(dir.resolve("r")), "--attacks", "none;poison:target=any,index=any");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo(
                        "sensiprint evaluate: attack poison:target=any,index=any,lr=0.001,steps=1000"
                                + " trains the model and needs labelled images: give --train-data");
    }

    @Test
    void aModelFileOfAnotherArchitectureOrTrainDataOfAnotherShapeIsBadInputInOneLine() {
        String convnet = SharedFiles.model("mnist_convnet.pt").toString();
        String cifar = SharedFiles.data("cifar10-test-first1000.bin.gz").toString();
        List<String[]> bad =
                List.of(
                        new String[] {"--attacks", "none;model:path=" + convnet},
                        new String[] {"--attacks", "model:path=" + dir.resolve("missing.pt")},
                        new String[] {
                            "--attacks", "finetune:lr=1e-3,epochs=1", "--train-data", cifar
                        });
        for (String[] b : bad) {
            long started = System.nanoTime();
            CliRun r = run(base(dir.resolve("r")), b);
            assertThat(r.exitCode()).as(String.join(" ", b)).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat((System.nanoTime() - started) / 1e9)
                    .as("seconds: refused before the pools are built")
                    .isLessThan(20);
        }
    }

    @Test
    @Tag("slow")
    void trainingAttacksAndATwinRunWithProgressAndReportWhatTheyChanged() throws IOException {
        Path report = dir.resolve("report");
        String twin = "model:path=" + SharedFiles.model("mnist_mlp_trojan.pt");
        List<String> args = new ArrayList<>(base(report));
        args.remove("--quiet");
        CliRun r =
                run(
                        args,
                        "--pool-size",
                        "12",
                        "--max-n",
                        "12",
                        "--copies",
                        "2",
                        "--steps",
                        "30",
                        "--threads",
                        "1",
                        "--train-data",
                        SharedFiles.data("mnist-train-images-idx3-ubyte.gz").toString(),
                        "--train-limit",
                        "300",
                        "--attacks",
                        "finetune:lr=1e-3,epochs=1,n=64;trojan:size=3,target=any,pos=any,steps=20;"
                                + twin
                                + ";none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("finetune:lr=0.001,epochs=1,n=64 copy 1 of 2: accuracy ")
                .contains("copy 2 of 2: accuracy ")
                .containsPattern("success \\d+\\.\\d\\d % -> \\d+\\.\\d\\d %");
        assertThat(r.out()).contains("## What the training attacks changed (mean over copies)");
        assertThat(Files.readString(report.resolve("summary.md")))
                .contains("| finetune:lr=0.001,epochs=1,n=64 | 2 | ");

        JsonNode attacks =
                new ObjectMapper().readTree(report.resolve("results.json").toFile()).get("attacks");
        JsonNode ft = attacks.get(0);
        assertThat(ft.get("copyReports")).hasSize(2);
        assertThat(ft.get("copyReports").get(0).get("effect").get("accuracy").get("images").asInt())
                .isEqualTo(60);
        assertThat(ft.get("meanEffect").get("accuracy").has("drop")).isTrue();
        assertThat(attacks.get(1).get("meanEffect").has("success")).isTrue();
        assertThat(attacks.get(2).get("firstCopy").asText()).contains("mnist_mlp_trojan.pt");
        assertThat(attacks.get(2).has("meanEffect")).isFalse();
        for (JsonNode pool : attacks.get(3).get("pools")) {
            assertThat(pool.get("label").get("anyDetected").asDouble()).isZero();
            assertThat(pool.get("probs").get("anyDetected").asDouble()).isZero();
        }
    }
}
