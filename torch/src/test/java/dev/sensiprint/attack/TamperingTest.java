package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attacks on the shared TorchScript models, saved and loaded back through libtorch. */
class TamperingTest {

    private static final String MLP = "mnist_mlp_clean.pt";
    private static final String RESNET = "resnet20_cifar10.pt";
    private static final String CONVNET = "mnist_convnet.pt";
    private static final String MNIST = "mnist-t10k-images-idx3-ubyte.gz";

    @TempDir Path dir;

    /** The spec of a shared model (../shared/models/README.md), for that file or a copy of it. */
    private static ModelSpec spec(String name, Path file) {
        if (name.equals(RESNET)) {
            return ModelSpec.of(file, 3, 32, 32)
                    .withPreprocessing(
                            new Preprocessing(
                                    new float[] {0.485f, 0.456f, 0.406f},
                                    new float[] {0.229f, 0.224f, 0.225f},
                                    false));
        }
        return ModelSpec.of(file, 1, 28, 28);
    }

    private static ModelSpec spec(String name) {
        return spec(name, SharedFiles.model(name));
    }

    /** The first n test images of the model's data set, as one N×C×H×W batch of pixels. */
    private static FloatTensor pixels(String name, int n) {
        String data = name.equals(RESNET) ? "cifar10-test-first1000.bin.gz" : MNIST;
        ImageDataset images = Datasets.open(SharedFiles.data(data).toString(), n);
        int[] s = images.get(0).image().shape();
        int per = s[0] * s[1] * s[2];
        float[] v = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images.get(i).image().data(), 0, v, i * per, per);
        }
        return new FloatTensor(new int[] {n, s[0], s[1], s[2]}, v);
    }

    private static float[] outputs(ModelSpec spec, FloatTensor pixels) {
        try (InferenceModel m = ModelLoader.forInference(spec)) {
            return m.predict(pixels).data();
        }
    }

    private static WeightSet weightsOf(ModelSpec spec) {
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec)) {
            return LiveWeights.read(m.weights());
        }
    }

    private static double mnistAccuracy(ModelSpec spec, int n) {
        ImageDataset data = Datasets.open(SharedFiles.data(MNIST).toString(), n);
        float[] logits = outputs(spec, pixels(MLP, n));
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < 10; k++) {
                if (logits[i * 10 + k] > logits[i * 10 + best]) {
                    best = k;
                }
            }
            correct += best == data.get(i).label() ? 1 : 0;
        }
        return (double) correct / n;
    }

    @Test
    void pruningFivePercentOfTheMlpZeroesRoundedFivePercentOfItsWeights() {
        WeightSet w = weightsOf(spec(MLP));
        assertThat(w.totalValues()).isEqualTo(8180);
        assertThat(zeros(w)).as("no zero weights before").isZero();

        TamperReport r = AttackSpecs.parse("prune:p=5").apply(w, new SplittableRandom(0));

        assertThat(zeros(w)).isEqualTo(409); // round(0.05 × 8180) = round(409.0)
        assertThat(r.changedValues()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {MLP, RESNET, CONVNET})
    void savedUntouchedModelGivesBitIdenticalOutputs(String name) {
        Path out = dir.resolve("same.pt");
        FloatTensor x = pixels(name, 16);

        TamperReport r = Tampering.tamper(spec(name), new NoChange(), 1, out);

        assertThat(r.changedValues()).isZero();
        assertThat(outputs(spec(name, out), x)).isEqualTo(outputs(spec(name), x));
    }

    @ParameterizedTest
    @ValueSource(strings = {MLP, RESNET, CONVNET})
    void savedInt8ModelGivesChangedOutputs(String name) {
        Path out = dir.resolve("int8.pt");
        FloatTensor x = pixels(name, 16);

        Tampering.tamper(spec(name), new Int8Quantisation(), 1, out);

        float[] before = outputs(spec(name), x);
        float[] after = outputs(spec(name, out), x);
        assertThat(after).hasSameSizeAs(before);
        assertThat(Arrays.equals(after, before)).isFalse();
    }

    @Test
    void savedModelHoldsExactlyTheTamperedWeights() {
        Path out = dir.resolve("noise.pt");
        Attack noise = new GaussianNoise(1e-3, 0.01);

        TamperReport r = Tampering.tamper(spec(RESNET), noise, 77, out);

        WeightSet expected = weightsOf(spec(RESNET));
        noise.apply(expected, new SplittableRandom(77));
        assertThat(weightsOf(spec(RESNET, out))).isEqualTo(expected);
        assertThat(r.changedValues()).isBetween(2600L, 2697L); // round(1 % of 269,722) chosen
    }

    @Test
    void convnetIsSavedWithItsConstantWeightsAsParameters() {
        Path out = dir.resolve("convnet.pt");
        Tampering.tamper(spec(CONVNET), new NoChange(), 0, out);

        try (TorchScriptDifferentiableModel m =
                TorchScriptDifferentiableModel.load(spec(CONVNET, out))) {
            assertThat(m.promotedConstants()).isEmpty();
            assertThat(LiveWeights.read(m.weights())).isEqualTo(weightsOf(spec(CONVNET)));
        }
    }

    @Test
    void pruningThirtyPercentCostsMoreAccuracyThanOnePercent() {
        Path p1 = dir.resolve("p1.pt");
        Path p30 = dir.resolve("p30.pt");
        Tampering.tamper(spec(MLP), AttackSpecs.parse("prune:p=1"), 0, p1);
        Tampering.tamper(spec(MLP), AttackSpecs.parse("prune:p=30"), 0, p30);

        assertThat(mnistAccuracy(spec(MLP, p30), 1000))
                .isLessThan(mnistAccuracy(spec(MLP, p1), 1000));
    }

    @Test
    void inPlaceAttackIsUndoneByWritingTheOldValuesBack() {
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec(MLP))) {
            WeightSet before = LiveWeights.read(m.weights());

            Tampering.applyInPlace(m, new Int8Quantisation(), 0);
            assertThat(LiveWeights.read(m.weights())).isNotEqualTo(before);
            LiveWeights.write(before, m.weights());

            assertThat(LiveWeights.read(m.weights())).isEqualTo(before);
        }
    }

    @Test
    void refusesToOverwriteTheModelItself() {
        ModelSpec mlp = spec(MLP);
        assertThatThrownBy(() -> Tampering.tamper(mlp, new Int8Quantisation(), 0, mlp.path()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is the model file itself");
    }

    @Test
    void missingModelFileIsBadInput() {
        ModelSpec missing = spec(MLP, dir.resolve("missing.pt"));
        assertThatThrownBy(() -> Tampering.tamper(missing, new NoChange(), 0, dir.resolve("o.pt")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.pt");
    }

    @Test
    void writingWeightsNamedOtherwiseIsRefused() {
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec(MLP))) {
            List<WeightValues> renamed = new ArrayList<>();
            for (WeightValues w : LiveWeights.read(m.weights()).tensors()) {
                renamed.add(new WeightValues("x." + w.name(), w.shape(), w.values()));
            }
            assertThatThrownBy(() -> LiveWeights.write(new WeightSet(renamed), m.weights()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fc1.weight");
        }
    }

    private static long zeros(WeightSet w) {
        long n = 0;
        for (int i = 0; i < w.totalValues(); i++) {
            if (w.get(i) == 0) {
                n++;
            }
        }
        return n;
    }
}
