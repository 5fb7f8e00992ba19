package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.serve.InferenceServer;
import dev.sensiprint.serve.ServeSettings;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story over real HTTP: generate a fingerprint of mnist_mlp_clean, serve the genuine
 * model and its trojaned twin under the same name, and verify each in label mode.
 */
@Tag("slow")
class EndToEndTest {

    @TempDir Path dir;

    private static InferenceServer serve(InferenceModel model) {
        return new InferenceServer(model, ServeSettings.builder("mnist_mlp_clean").port(0).build())
                .start();
    }

    private static InferenceModel load(String file) {
        return ModelLoader.forInference(
                new ModelSpec(
                        SharedFiles.model(file),
                        new int[] {1, 28, 28},
                        0f,
                        1f,
                        Preprocessing.NONE,
                        Optional.of(OutputKind.LOGITS)));
    }

    @Test
    void genuineModelIsIntactAndTrojanedTwinIsTamperedInLabelMode() throws Exception {
        Path f = dir.resolve("mlp.sfp");
        CliRun gen =
                CliRun.of(
                        "generate",
                        "--model",
                        SharedFiles.model("mnist_mlp_clean.pt").toString(),
                        "--input-shape",
                        "1,28,28",
                        "--seeds",
                        SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(),
                        "--seed-count",
                        "1000",
                        "--candidates",
                        "30",
                        "--count",
                        "10",
                        "--out",
                        f.toString(),
                        "--quiet",
                        "--json");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(gen.out());
        assertThat(summary.get("samples")).hasSize(10);

        try (InferenceModel clean = load("mnist_mlp_clean.pt");
                InferenceModel trojan = load("mnist_mlp_trojan.pt");
                InferenceServer genuine = serve(clean);
                InferenceServer swapped = serve(trojan)) {
            CliRun ok =
                    CliRun.of(
                            "verify",
                            f.toString(),
                            "--endpoint",
                            genuine.uri().toString(),
                            "--mode",
                            "label");
            assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("INTACT: all 10 samples matched");

            CliRun bad =
                    CliRun.of(
                            "verify",
                            f.toString(),
                            "--endpoint",
                            swapped.uri().toString(),
                            "--mode",
                            "label");
            assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(ExitCode.TAMPERED);
        }
    }
}
