package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The shared real models load both ways and behave as ../shared/models/README.md says. */
class SharedModelsTest {

    static final List<String> MODELS = SharedModelSpecs.TORCHSCRIPT;

    private static TestImages.Labelled images(String file, int n) throws IOException {
        return SharedModelSpecs.isCifar(file) ? TestImages.cifarTest(n) : TestImages.mnistTest(n);
    }

    /** The differentiable model's output on {@code pixels}, through a grad-recording forward. */
    @SuppressWarnings("try") // the collector is opened for its effect: grad mode on
    private static FloatTensor recordedForward(DifferentiableModel m, FloatTensor pixels) {
        try (NDManager it = m.manager().newSubManager();
                GradientCollector gc = TorchRuntime.pytorch().newGradientCollector()) {
            NDArray x = it.create(pixels.data(), new Shape(toLongs(pixels.shape())));
            x.setRequiresGradient(true);
            NDArray y = m.forward(x);
            return new FloatTensor(
                    new int[] {pixels.shape()[0], (int) y.getShape().get(1)}, y.toFloatArray());
        }
    }

    private static long[] toLongs(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }

    @ParameterizedTest
    @FieldSource("MODELS")
    void loadsForInferenceAndForGradientsWithTenClassesAndTheRightOutputKind(String file) {
        OutputKind expected =
                file.equals("mnist_badnet_trojan.pt")
                        ? OutputKind.PROBABILITIES
                        : OutputKind.LOGITS;
        ModelSpec spec = SharedModelSpecs.spec(file);
        try (InferenceModel inf = ModelLoader.forInference(spec);
                DifferentiableModel grad = ModelLoader.forGradients(spec)) {
            assertThat(inf.info().numClasses()).isEqualTo(10);
            assertThat(inf.info().outputKind()).isEqualTo(expected);
            assertThat(grad.info()).isEqualTo(inf.info());
            assertThat(grad.weights()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("MODELS")
    void gradientLoadThroughARecordingForwardMatchesTheInferenceLoadBitForBit(String file)
            throws IOException {
        ModelSpec spec = SharedModelSpecs.spec(file);
        FloatTensor pixels = images(file, 16).images();
        try (InferenceModel inf = ModelLoader.forInference(spec);
                DifferentiableModel grad = ModelLoader.forGradients(spec)) {
            assertThat(recordedForward(grad, pixels)).isEqualTo(inf.predict(pixels));
        }
    }

    @Test
    void resnet20Has59WeightTensorsEndingInTheLinearLayer() {
        try (DifferentiableModel m =
                ModelLoader.forGradients(SharedModelSpecs.spec("resnet20_cifar10.pt"))) {
            List<Weight> w = m.weights();
            assertThat(w).hasSize(59);
            assertThat(w.stream().mapToLong(Weight::size).sum()).isEqualTo(269_722);
            assertThat(w.get(57).name()).isEqualTo("linear.weight");
            assertThat(w.get(57).array().getShape()).isEqualTo(new Shape(10, 64));
            assertThat(w.get(58).name()).isEqualTo("linear.bias");
            assertThat(w.get(58).array().getShape()).isEqualTo(new Shape(10));
            assertThat(w).noneMatch(x -> x.name().contains("running_"));
        }
    }

    @Test
    void mlpCleanHas8180WeightValues() {
        try (DifferentiableModel m =
                ModelLoader.forGradients(SharedModelSpecs.spec("mnist_mlp_clean.pt"))) {
            assertThat(m.weights().stream().mapToLong(Weight::size).sum()).isEqualTo(8_180);
        }
    }

    @Test
    void gradientsReachThePixelsAndEveryWeight() throws IOException {
        FloatTensor pixels = TestImages.mnistTest(4).images();
        try (DifferentiableModel m =
                        ModelLoader.forGradients(SharedModelSpecs.spec("mnist_mlp_clean.pt"));
                NDManager it = m.manager().newSubManager();
                GradientCollector gc = TorchRuntime.pytorch().newGradientCollector()) {
            NDArray x = it.create(pixels.data(), new Shape(4, 1, 28, 28));
            x.setRequiresGradient(true);
            gc.backward(m.forward(x).get(":, 3").sum());
            assertThat(x.getGradient().abs().sum().getFloat()).isPositive();
            for (Weight w : m.weights()) {
                assertThat(w.array().getGradient().abs().sum().getFloat())
                        .as(w.name())
                        .isPositive();
            }
        }
    }

    @Test
    void repeatedForwardsWithTheOptimiserOffAreBitIdentical() throws IOException {
        ModelSpec spec = SharedModelSpecs.spec("resnet20_cifar10.pt");
        FloatTensor pixels = TestImages.cifarTest(8).images();
        try (InferenceModel inf = ModelLoader.forInference(spec);
                DifferentiableModel grad = ModelLoader.forGradients(spec)) {
            assertThat(inf.predict(pixels)).isEqualTo(inf.predict(pixels));
            FloatTensor first = recordedForward(grad, pixels);
            assertThat(recordedForward(grad, pixels)).isEqualTo(first);
            assertThat(recordedForward(grad, pixels)).isEqualTo(first);
        }
    }

    @Test
    void convnetTorchScriptAndOnnxAgreeOn1000Images() throws IOException {
        TestImages.Labelled mnist = TestImages.mnistTest(1000);
        try (InferenceModel pt =
                        ModelLoader.forInference(SharedModelSpecs.spec("mnist_convnet.pt"));
                InferenceModel onnx =
                        ModelLoader.forInference(SharedModelSpecs.spec("mnist_convnet.onnx"))) {
            assertThat(((OnnxInferenceModel) onnx).fixedBatchSize()).isEqualTo(1);
            float[] a = pt.predict(mnist.images()).data();
            float[] b = onnx.predict(mnist.images()).data();
            assertThat(b).hasSize(10_000);
            double maxDiff = 0;
            int sameTop1 = 0;
            for (int i = 0; i < 1000; i++) {
                for (int j = 0; j < 10; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i * 10 + j] - b[i * 10 + j]));
                }
                sameTop1 += argmax(a, i) == argmax(b, i) ? 1 : 0;
            }
            assertThat(sameTop1).isEqualTo(1000);
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void aDeclaredOutputKindWinsOverDetection() {
        ModelSpec spec =
                SharedModelSpecs.spec("mnist_badnet_trojan.pt").withOutputKind(OutputKind.LOGITS);
        try (InferenceModel m = ModelLoader.forInference(spec)) {
            assertThat(m.info().outputKind()).isEqualTo(OutputKind.LOGITS);
        }
    }

    @Test
    void modelInfoCarriesTheFilesSha256() throws Exception {
        ModelSpec spec = SharedModelSpecs.spec("mnist_mlp_trojan.pt");
        String sha =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(spec.path())));
        try (InferenceModel m = ModelLoader.forInference(spec)) {
            assertThat(m.info().sha256()).isEqualTo(sha);
            assertThat(m.info().fileName()).isEqualTo("mnist_mlp_trojan.pt");
        }
    }

    @Test
    void loaderNormalisationEqualsFeedingNormalisedPixelsBitForBit() throws IOException {
        ModelSpec normalising = SharedModelSpecs.spec("resnet20_cifar10.pt");
        ModelSpec raw = normalising.withPreprocessing(Preprocessing.NONE);
        FloatTensor pixels = TestImages.cifarTest(8).images();
        float[] normalised = pixels.data().clone();
        float[] m = SharedModelSpecs.IMAGENET_MEAN_STD.mean();
        float[] s = SharedModelSpecs.IMAGENET_MEAN_STD.std();
        for (int i = 0; i < normalised.length; i++) {
            int c = (i / 1024) % 3;
            normalised[i] = (normalised[i] - m[c]) / s[c];
        }
        try (InferenceModel a = ModelLoader.forInference(normalising);
                InferenceModel b = ModelLoader.forInference(raw)) {
            assertThat(a.predict(pixels))
                    .isEqualTo(b.predict(new FloatTensor(pixels.shape(), normalised)))
                    .isNotEqualTo(b.predict(pixels));
        }
    }

    @Test
    void preprocessingDeclaredInsideTheFileIsNotAppliedAgain() throws IOException {
        ModelSpec raw =
                SharedModelSpecs.spec("resnet20_cifar10.pt").withPreprocessing(Preprocessing.NONE);
        ModelSpec inFile =
                raw.withPreprocessing(
                        new Preprocessing(
                                SharedModelSpecs.IMAGENET_MEAN_STD.mean(),
                                SharedModelSpecs.IMAGENET_MEAN_STD.std(),
                                true));
        FloatTensor pixels = TestImages.cifarTest(4).images();
        try (InferenceModel a = ModelLoader.forInference(inFile);
                InferenceModel b = ModelLoader.forInference(raw)) {
            assertThat(a.predict(pixels)).isEqualTo(b.predict(pixels));
            assertThat(a.info().preprocessing().insideModel()).isTrue();
        }
    }

    static int argmax(float[] scores, int row) {
        int best = 0;
        for (int j = 1; j < 10; j++) {
            if (scores[row * 10 + j] > scores[row * 10 + best]) {
                best = j;
            }
        }
        return best;
    }
}
