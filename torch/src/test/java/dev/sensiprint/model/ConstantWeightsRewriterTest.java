package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.testing.SharedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstantWeightsRewriterTest {

    private static final String CODE =
            "vnn_verivital_convnet_maxpool_mnist/code/__torch__/___torch_mangle_2.py";

    @TempDir Path dir;

    private static long values(DifferentiableModel m) {
        return m.weights().stream().mapToLong(Weight::size).sum();
    }

    @Test
    void planFindsTheFourWeightsTheConvnetKeepsAsConstants() {
        List<ConstantWeightsRewriter.Promotion> plan =
                ConstantWeightsRewriter.plan(SharedFiles.model("mnist_convnet.pt"));
        assertThat(plan)
                .extracting(ConstantWeightsRewriter.Promotion::bufferName)
                .containsExactly("w0", "w1", "w2", "w3");
        assertThat(plan)
                .extracting(ConstantWeightsRewriter.Promotion::constantIndex)
                .containsExactly(0, 1, 2, 3);
        assertThat(plan.get(3).shape()).containsExactly(10, 1152);
    }

    @Test
    void planIsEmptyWhenWeightsAreAlreadyParameters() {
        assertThat(ConstantWeightsRewriter.plan(SharedFiles.model("mnist_mlp_clean.pt"))).isEmpty();
    }

    @Test
    void rewrittenConvnetHas11690ParametersAndBitIdenticalOutputsOn100Images() throws IOException {
        Path original = SharedFiles.model("mnist_convnet.pt");
        Path rewritten = dir.resolve("convnet_params.pt");
        ConstantWeightsRewriter.rewrite(original, rewritten);
        TestImages.Labelled mnist = TestImages.mnistTest(100);

        try (InferenceModel before = ModelLoader.forInference(ModelSpec.of(original, 1, 28, 28));
                InferenceModel after =
                        ModelLoader.forInference(ModelSpec.of(rewritten, 1, 28, 28));
                TorchScriptDifferentiableModel grad =
                        TorchScriptDifferentiableModel.load(ModelSpec.of(rewritten, 1, 28, 28))) {
            assertThat(values(grad)).isEqualTo(11_690);
            assertThat(grad.promotedConstants()).isEmpty(); // already parameters in the file
            assertThat(after.predict(mnist.images())).isEqualTo(before.predict(mnist.images()));
        }
    }

    @Test
    void rewrittenArchiveIsAllStoredWithoutTheStaleDebugInfo() throws IOException {
        Path rewritten = dir.resolve("convnet_params.pt");
        ConstantWeightsRewriter.rewrite(SharedFiles.model("mnist_convnet.pt"), rewritten);
        try (ZipFile zip = new ZipFile(rewritten.toFile())) {
            assertThat(zip.stream()).allMatch(e -> e.getMethod() == ZipEntry.STORED);
            assertThat(zip.getEntry(CODE + ".debug_pkl")).isNull();
            String code =
                    new String(
                            zip.getInputStream(zip.getEntry(CODE)).readAllBytes(),
                            StandardCharsets.UTF_8);
            assertThat(code)
                    .contains("__parameters__ = [\"w0\", \"w1\", \"w2\", \"w3\", ]")
                    .contains("__buffers__ = []")
                    .contains("_3 = self.w3")
                    .doesNotContain("lift_fresh")
                    .contains("CONSTANTS.c4"); // the scalar constant is not a weight
        }
    }

    @Test
    void rewriteRefusesAModelWithNothingToPromote() {
        Path mlp = SharedFiles.model("mnist_mlp_clean.pt");
        assertThatThrownBy(() -> ConstantWeightsRewriter.rewrite(mlp, dir.resolve("x.pt")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("nothing to rewrite");
    }

    @Test
    void gradientLoadRewritesAutomaticallyAndKeepsTheOriginalDigest() throws Exception {
        Path original = SharedFiles.model("mnist_convnet.pt");
        String sha =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(original)));
        try (TorchScriptDifferentiableModel m =
                TorchScriptDifferentiableModel.load(ModelSpec.of(original, 1, 28, 28))) {
            assertThat(m.promotedConstants()).hasSize(4);
            assertThat(values(m)).isEqualTo(11_690);
            assertThat(m.info().sha256()).isEqualTo(sha);
        }
    }
}
