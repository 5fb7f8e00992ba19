package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every unusable model gives a one-line {@link BadInputException} that names the file. */
class BadModelInputTest {

    @TempDir Path dir;

    private static ModelSpec spec(Path p) {
        return ModelSpec.of(p, 1, 4, 4);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBadInput(
            Path file, org.assertj.core.api.ThrowableAssert.ThrowingCallable load) {
        return assertThatThrownBy(load)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.getFileName().toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("absent.pt");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryInsteadOfFile() throws IOException {
        Path p = Files.createDirectory(dir.resolve("model.pt"));
        assertBadInput(p, () -> ModelLoader.forGradients(spec(p)))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.createFile(dir.resolve("empty.pt"));
        assertBadInput(p, () -> ModelLoader.forInference(spec(p))).hasMessageContaining("empty");
    }

    @Test
    void truncatedRealModel() throws IOException {
        byte[] whole = Files.readAllBytes(SharedFiles.model("mnist_mlp_clean.pt"));
        Path p = Files.write(dir.resolve("cut.pt"), Arrays.copyOf(whole, whole.length / 2));
        assertBadInput(p, () -> ModelLoader.forInference(ModelSpec.of(p, 1, 28, 28)))
                .hasMessageContaining("truncated or damaged");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] b = new byte[4096];
        new SplittableRandom(1).nextBytes(b);
        b[0] = 7; // not 'P'
        Path p = Files.write(dir.resolve("random.pt"), b);
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("not a TorchScript archive");
    }

    @Test
    void textFile() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.pt"), "def forward(x):\n  return x\n");
        assertBadInput(p, () -> ModelLoader.forGradients(spec(p)))
                .hasMessageContaining("not a TorchScript archive");
    }

    @Test
    void pngImage() throws IOException {
        Path p = dir.resolve("digit.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("not a TorchScript archive");
    }

    @Test
    void zipWithoutTorchScriptInside() throws IOException {
        Path p = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(p);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("not TorchScript");
    }

    @Test
    void torchScriptThatLibtorchCannotCompile() throws IOException {
        Path p = TinyTorchScript.write(dir.resolve("broken.pt"), "torch.no_such_op(x)");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("could not be loaded as TorchScript");
    }

    @Test
    void garbageNamedOnnx() throws IOException {
        Path p = Files.writeString(dir.resolve("model.onnx"), "not a protobuf at all");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("could not be loaded as ONNX");
    }

    @Test
    void inputShapeTheModelRejectsNamesTheShapeAndTheEngineError() throws IOException {
        Path p = TinyTorchScript.write(dir.resolve("needs48.pt"), "torch.view(x, [-1, 48])");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("does not accept input shape [4, 1, 4, 4]: RuntimeError:");
    }

    @Test
    void inputShapeARealModelRejects() {
        Path p = SharedFiles.model("mnist_mlp_clean.pt");
        assertBadInput(p, () -> ModelLoader.forGradients(ModelSpec.of(p, 1, 20, 20)))
                .hasMessageContaining("does not accept input shape [4, 1, 20, 20]")
                .hasMessageContaining("cannot be multiplied");
    }

    @Test
    void inputShapeAnOnnxModelDeclaresOtherwise() {
        Path p = SharedFiles.model("mnist_convnet.onnx");
        assertBadInput(p, () -> ModelLoader.forInference(ModelSpec.of(p, 3, 28, 28)))
                .hasMessageContaining("does not accept input shape N×[3, 28, 28]")
                .hasMessageContaining("[1, 1, 28, 28]");
    }

    @Test
    void oneDimensionalOutput() throws IOException {
        Path p =
                TinyTorchScript.write(dir.resolve("sum.pt"), "torch.sum(torch.flatten(x, 1), [1])");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("returns shape [4]");
    }

    @Test
    void singleColumnOutput() throws IOException {
        Path p =
                TinyTorchScript.write(
                        dir.resolve("sum1.pt"), "torch.sum(torch.flatten(x, 1), [1], True)");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("returns shape [4, 1]")
                .hasMessageContaining("K >= 2");
    }

    @Test
    void twoOutputs() throws IOException {
        Path p =
                TinyTorchScript.write(
                        dir.resolve("pair.pt"),
                        "Tuple[Tensor, Tensor]",
                        "(torch.flatten(x, 1), torch.mul(torch.flatten(x, 1), 2))");
        assertBadInput(p, () -> ModelLoader.forInference(spec(p)))
                .hasMessageContaining("returns 2 tensors");
    }

    @Test
    void onnxForGradients() {
        Path p = SharedFiles.model("mnist_convnet.onnx");
        assertBadInput(p, () -> ModelLoader.forGradients(ModelSpec.of(p, 1, 28, 28)))
                .hasMessageContaining("inference only");
    }

    @Test
    void modelWithoutAnyWeightForGradients() throws IOException {
        Path p = TinyTorchScript.write(dir.resolve("noweights.pt"), "torch.flatten(x, 1)");
        assertBadInput(p, () -> ModelLoader.forGradients(spec(p)))
                .hasMessageContaining("no trainable floating-point parameters");
    }

    @Test
    void predictRefusesABatchOfTheWrongShape() throws IOException {
        Path p = TinyTorchScript.write(dir.resolve("flat.pt"), "torch.flatten(x, 1)");
        try (InferenceModel m = ModelLoader.forInference(spec(p))) {
            assertThatThrownBy(() -> m.predict(FloatTensor.zeros(2, 1, 5, 4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 1, 5, 4]");
        }
    }
}
