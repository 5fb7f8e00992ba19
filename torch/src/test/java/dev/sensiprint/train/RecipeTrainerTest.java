package dev.sensiprint.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.ImageSubset;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTrainerTest {

    @TempDir Path dir;

    /** The first 3,000 MNIST training images and 500 test images: a quick but real run. */
    private static DataSplit.TrainTest smallMnist() {
        ImageDataset train =
                Datasets.open(
                        SharedFiles.data("mnist-train-images-idx3-ubyte.gz").toString(), 3000);
        ImageDataset test =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), 500);
        return new DataSplit.TrainTest(train, test);
    }

    @Test
    @Tag("slow")
    void theExportedFileComputesWhatTheTrainedBlockComputesInBothLoaders() {
        DataSplit.TrainTest data = smallMnist();
        Recipe recipe = Recipes.named("mnist-demo");
        Path file = dir.resolve("demo.pt");
        float[] expected;
        LabeledBatch images = LabeledBatch.of(data.test(), IntStream.range(0, 64).toArray());
        double accuracy;
        try (RecipeTrainer t = RecipeTrainer.start(new TrainingRun(recipe, 1, 7, 1))) {
            accuracy = t.train(data, TrainingListener.NONE).testAccuracy();
            expected = t.logits(images);
            t.export(file);
        }
        assertThat(accuracy).as("a real run learns").isGreaterThan(0.85);

        ModelSpec spec = ModelSpec.of(file, 1, 28, 28);
        try (InferenceModel m = ModelLoader.forInference(spec)) {
            FloatTensor out =
                    m.predict(new FloatTensor(new int[] {64, 1, 28, 28}, images.pixels()));
            assertThat(out.shape()).containsExactly(64, 10);
            assertClose(out.data(), expected);
        }
        try (DifferentiableModel m = ModelLoader.forGradients(spec);
                NDManager nd = m.manager().newSubManager();
                GradientCollector gc = TorchRuntime.pytorch().newGradientCollector()) {
            assertThat(m.weights())
                    .extracting(w -> w.name())
                    .containsExactlyElementsOf(recipe.architecture().parameterNames());
            NDArray x = images.images(nd);
            NDArray out = m.forward(x);
            assertClose(out.toFloatArray(), expected);
            gc.backward(out.sum());
            assertThat(m.weights().get(0).array().getGradient().abs().sum().getFloat())
                    .as("gradients reach the first layer")
                    .isGreaterThan(0f);
        }
    }

    @Test
    void theSameSeedAndThreadsGiveTheSameWeightsAndAnotherSeedDoesNot() {
        ImageDataset train =
                Datasets.open(SharedFiles.data("mnist-train-images-idx3-ubyte.gz").toString(), 500);
        DataSplit.TrainTest data =
                new DataSplit.TrainTest(train, ImageSubset.where(train, i -> i < 50, "first 50"));
        Recipe recipe = Recipes.named("mnist-demo");
        float[] a = trainedFirstWeight(recipe, data, 3);
        float[] b = trainedFirstWeight(recipe, data, 3);
        float[] c = trainedFirstWeight(recipe, data, 4);
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void theSameWeightsGiveTheSameFileByteForByte() throws Exception {
        Recipe recipe = Recipes.named("mnist-demo");
        try (RecipeTrainer t = RecipeTrainer.start(new TrainingRun(recipe, 1, 1, 1))) {
            t.export(dir.resolve("a.pt"));
            Thread.sleep(1100); // a zip entry time from the clock would now differ
            t.export(dir.resolve("b.pt"));
        }
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("b.pt")))
                .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("a.pt")));
    }

    private static float[] trainedFirstWeight(Recipe r, DataSplit.TrainTest data, long seed) {
        try (RecipeTrainer t = RecipeTrainer.start(new TrainingRun(r, 1, seed, 1))) {
            t.train(data, TrainingListener.NONE);
            float[] all = new float[0];
            for (var w : t.weights()) {
                float[] v = w.values();
                float[] joined = java.util.Arrays.copyOf(all, all.length + v.length);
                System.arraycopy(v, 0, joined, all.length, v.length);
                all = joined;
            }
            return all;
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        assertThat(max).as("max |file - block|").isLessThanOrEqualTo(1e-5);
    }
}
