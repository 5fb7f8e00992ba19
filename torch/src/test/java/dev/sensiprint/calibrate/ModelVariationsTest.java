package dev.sensiprint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Benign variations of the real convnet: they must move outputs little and labels not at all. */
class ModelVariationsTest {

    private static List<FloatTensor> images(int n) {
        ImageDataset d = Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), n);
        List<FloatTensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(d.get(i).image());
        }
        return out;
    }

    @Test
    void sameRuntimeAndOnnxTwinVariationsKeepEveryLabelOfTheConvnet() {
        ModelSpec spec = ModelSpec.of(SharedFiles.model("mnist_convnet.pt"), 1, 28, 28);
        ModelSpec twin = ModelSpec.of(SharedFiles.model("mnist_convnet.onnx"), 1, 28, 28);
        List<FloatTensor> samples = images(20);
        try (InferenceModel model = ModelLoader.forInference(spec)) {
            List<FloatTensor> reference = ModelVariations.oneByOne(model, samples);
            List<Variation> variations =
                    List.of(
                            ModelVariations.threads(model, 1),
                            ModelVariations.threads(model, 2),
                            ModelVariations.batched(model, 42),
                            ModelVariations.reload(spec),
                            ModelVariations.twin(twin));
            DriftCalibration c = new DriftCalibrator(10).calibrate(samples, reference, variations);
            assertThat(c.variations())
                    .containsExactly(
                            "threads=1",
                            "threads=2",
                            "batch=16",
                            "reload",
                            "twin:mnist_convnet.onnx");
            assertThat(c.samples()).allMatch(DriftCalibration.SampleDrift::labelStable);
            // The ONNX twin differs from libtorch by up to 7.6e-6 on these logits (djl-pytorch.md
            // §4.1):
            // calibration must see a non-zero drift, but a small one.
            assertThat(c.noiseFloor()).isPositive().isLessThan(1e-4);
            assertThat(c.kept()).hasSizeGreaterThanOrEqualTo(18);
        }
    }
}
