package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
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

    @TempDir Path dir;

    /** The first n test images the model was trained for, as one N×C×H×W batch. */
    private static FloatTensor batch(String model, int n) {
        boolean cifar = model.equals(RESNET);
        ImageDataset data =
                cifar
                        ? Datasets.open(
                                SharedFiles.data("cifar10-test-first1000.bin.gz").toString(), n)
                        : Datasets.open(
                                SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), n);
        float[] mean = cifar ? new float[] {0.485f, 0.456f, 0.406f} : new float[] {0f};
        float[] std = cifar ? new float[] {0.229f, 0.224f, 0.225f} : new float[] {1f};
        int[] s = data.get(0).image().shape();
        int per = s[0] * s[1] * s[2];
        float[] v = new float[n * per];
        for (int i = 0; i < n; i++) {
            float[] img = data.get(i).image().data();
            for (int j = 0; j < per; j++) {
                int c = j / (s[1] * s[2]);
                v[i * per + j] = (img[j] - mean[c]) / std[c];
            }
        }
        return new FloatTensor(new int[] {n, s[0], s[1], s[2]}, v);
    }

    private static float[] outputs(Path model, FloatTensor batch) {
        try (TamperableModel m = TamperableModel.load(model)) {
            return m.forward(batch).data();
        }
    }

    private static double mnistAccuracy(Path model, int n) {
        ImageDataset data =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), n);
        float[] logits = outputs(model, batch(MLP, n));
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
        try (TamperableModel m = TamperableModel.load(SharedFiles.model(MLP))) {
            WeightSet w = m.readWeights();
            assertThat(w.totalValues()).isEqualTo(8180);
            assertThat(zeros(w)).as("no zero weights before").isZero();

            TamperReport r = AttackSpecs.parse("prune:p=5").apply(w, new SplittableRandom(0));

            assertThat(zeros(w)).isEqualTo(409); // round(0.05 × 8180) = round(409.0)
            assertThat(r.changedValues()).isEqualTo(409);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {MLP, RESNET})
    void savedUntouchedModelGivesBitIdenticalOutputs(String name) {
        Path model = SharedFiles.model(name);
        Path out = dir.resolve("same.pt");
        FloatTensor x = batch(name, 16);

        TamperReport r = Tampering.tamper(model, new NoChange(), 1, out);

        assertThat(r.changedValues()).isZero();
        assertThat(outputs(out, x)).isEqualTo(outputs(model, x));
    }

    @ParameterizedTest
    @ValueSource(strings = {MLP, RESNET})
    void savedInt8ModelGivesChangedOutputs(String name) {
        Path model = SharedFiles.model(name);
        Path out = dir.resolve("int8.pt");
        FloatTensor x = batch(name, 16);

        Tampering.tamper(model, new Int8Quantisation(), 1, out);

        float[] before = outputs(model, x);
        float[] after = outputs(out, x);
        assertThat(after).hasSameSizeAs(before);
        assertThat(Arrays.equals(after, before)).isFalse();
    }

    @Test
    void savedModelHoldsExactlyTheTamperedWeights() {
        Path model = SharedFiles.model(RESNET);
        Path out = dir.resolve("noise.pt");
        Attack noise = new GaussianNoise(1e-3, 0.01);

        TamperReport r = Tampering.tamper(model, noise, 77, out);

        WeightSet expected;
        try (TamperableModel m = TamperableModel.load(model)) {
            expected = m.readWeights();
        }
        noise.apply(expected, new SplittableRandom(77));
        try (TamperableModel saved = TamperableModel.load(out)) {
            assertThat(saved.readWeights()).isEqualTo(expected);
        }
        assertThat(r.changedValues()).isBetween(2600L, 2697L); // round(1 % of 269,722) chosen
    }

    @Test
    void pruningThirtyPercentCostsMoreAccuracyThanOnePercent() {
        Path model = SharedFiles.model(MLP);
        Path p1 = dir.resolve("p1.pt");
        Path p30 = dir.resolve("p30.pt");
        Tampering.tamper(model, AttackSpecs.parse("prune:p=1"), 0, p1);
        Tampering.tamper(model, AttackSpecs.parse("prune:p=30"), 0, p30);

        assertThat(mnistAccuracy(p30, 1000)).isLessThan(mnistAccuracy(p1, 1000));
    }

    @Test
    void modelWithGraphConstantWeightsIsRejectedForNow() {
        Path convnet = SharedFiles.model("mnist_convnet.pt");
        assertThatThrownBy(
                        () ->
                                Tampering.tamper(
                                        convnet, new Int8Quantisation(), 0, dir.resolve("c.pt")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("mnist_convnet.pt")
                .hasMessageContaining("graph constants");
    }

    @Test
    void refusesToOverwriteTheModelItself() {
        Path model = SharedFiles.model(MLP);
        assertThatThrownBy(() -> Tampering.tamper(model, new Int8Quantisation(), 0, model))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is the model file itself");
    }

    @Test
    void missingModelFileIsBadInput() {
        Path missing = dir.resolve("missing.pt");
        assertThatThrownBy(() -> Tampering.tamper(missing, new NoChange(), 0, dir.resolve("o.pt")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.pt");
    }

    @Test
    void writingWeightsNamedOtherwiseIsRefused() {
        try (TamperableModel m = TamperableModel.load(SharedFiles.model(MLP))) {
            List<WeightValues> renamed = new ArrayList<>();
            for (WeightValues w : m.readWeights().tensors()) {
                renamed.add(new WeightValues("x." + w.name(), w.shape(), w.values()));
            }
            assertThatThrownBy(() -> m.writeWeights(new WeightSet(renamed)))
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
