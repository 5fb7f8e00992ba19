package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sensiprint.tensor.FloatTensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The loaders reproduce the accuracies and trojan success rates ../shared/models/README.md states,
 * within 0.5 points: evidence that preprocessing, layout and output handling are right end to end.
 */
@Tag("slow")
class SharedModelAccuracyTest {

    private static final int CHUNK = 500;

    /**
     * Percentage of images the model assigns to {@code labels[i]}, or to {@code target} if >= 0.
     */
    private static double percentTo(
            InferenceModel m, FloatTensor images, int[] labels, int target) {
        int n = images.shape()[0];
        int per = images.size() / n;
        int hits = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            int[] shape = images.shape().clone();
            shape[0] = rows;
            float[] part = new float[rows * per];
            System.arraycopy(images.data(), from * per, part, 0, part.length);
            float[] scores = m.predict(new FloatTensor(shape, part)).data();
            for (int i = 0; i < rows; i++) {
                int want = target >= 0 ? target : labels[from + i];
                hits += SharedModelsTest.argmax(scores, i) == want ? 1 : 0;
            }
        }
        return 100.0 * hits / n;
    }

    /** A copy of 28×28 grey images with a white square patch at (row, col). */
    private static FloatTensor withPatch(FloatTensor images, int row, int col, int size) {
        float[] d = images.data().clone();
        for (int i = 0; i < images.shape()[0]; i++) {
            for (int r = row; r < row + size; r++) {
                for (int c = col; c < col + size; c++) {
                    d[i * 784 + r * 28 + c] = 1f;
                }
            }
        }
        return new FloatTensor(images.shape(), d);
    }

    @Test
    void resnet20Scores91Point5PercentOnTheCifarTestImages() {
        TestImages.Labelled cifar = TestImages.cifarTest(1000);
        assertThat(cifar.count()).isEqualTo(1000);
        try (InferenceModel m =
                ModelLoader.forInference(SharedModelSpecs.spec("resnet20_cifar10.pt"))) {
            assertThat(percentTo(m, cifar.images(), cifar.labels(), -1))
                    .isCloseTo(91.5, within(0.5));
        }
    }

    @Test
    void cleanMlpScores93Point8PercentOnMnistTest() {
        TestImages.Labelled mnist = TestImages.mnistTest(10_000);
        try (InferenceModel m =
                ModelLoader.forInference(SharedModelSpecs.spec("mnist_mlp_clean.pt"))) {
            assertThat(percentTo(m, mnist.images(), mnist.labels(), -1))
                    .isCloseTo(93.8, within(0.5));
        }
    }

    @Test
    void badnetScores98Point1PercentOnMnistTestWithItsHalfHalfNormalisation() {
        TestImages.Labelled mnist = TestImages.mnistTest(10_000);
        try (InferenceModel m =
                ModelLoader.forInference(SharedModelSpecs.spec("mnist_badnet_trojan.pt"))) {
            assertThat(percentTo(m, mnist.images(), mnist.labels(), -1))
                    .isCloseTo(98.1, within(0.5));
        }
    }

    @Test
    void mlpTrojanSendsAllImagesWithTheTopLeftPatchToClass5() {
        TestImages.Labelled mnist = TestImages.mnistTest(10_000);
        FloatTensor triggered = withPatch(mnist.images(), 0, 0, 3);
        try (InferenceModel m =
                ModelLoader.forInference(SharedModelSpecs.spec("mnist_mlp_trojan.pt"))) {
            assertThat(percentTo(m, triggered, mnist.labels(), 5)).isCloseTo(100.0, within(0.5));
        }
    }

    @Test
    void badnetSendsImagesWithTheBottomRightPatchToClass1() {
        TestImages.Labelled mnist = TestImages.mnistTest(10_000);
        FloatTensor triggered = withPatch(mnist.images(), 23, 23, 5);
        try (InferenceModel m =
                ModelLoader.forInference(SharedModelSpecs.spec("mnist_badnet_trojan.pt"))) {
            assertThat(percentTo(m, triggered, mnist.labels(), 1)).isCloseTo(99.9, within(0.5));
        }
    }
}
