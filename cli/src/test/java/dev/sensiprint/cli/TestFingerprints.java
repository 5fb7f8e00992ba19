package dev.sensiprint.cli;

import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.fingerprint.file.FingerprintWriter;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.signing.SigningKey;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Fingerprint files for command-line tests, made from natural MNIST images and the real
 * mnist_mlp_clean model: their expected outputs are what that model really answers.
 */
final class TestFingerprints {

    private TestFingerprints() {}

    static Path mlpClean() {
        return SharedFiles.model("mnist_mlp_clean.pt");
    }

    /** {@code count} natural images with the clean MLP's outputs, written to {@code file}. */
    static Path naturalMnist(Path file, int count, ComparisonMode mode, SigningKey key) {
        ImageDataset images =
                Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), count);
        List<FloatTensor> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(images.get(i).image());
        }
        List<FingerprintSample> samples = new ArrayList<>();
        try (InferenceModel model = ModelLoader.forInference(ModelSpec.of(mlpClean(), 1, 28, 28))) {
            List<FloatTensor> outputs = ModelVariations.oneByOne(model, inputs);
            for (int i = 0; i < count; i++) {
                float[] out = outputs.get(i).data();
                int[] top = Outputs.topK(out, 5);
                samples.add(
                        new FingerprintSample(
                                String.format("n%03d", i),
                                inputs.get(i),
                                outputs.get(i),
                                top[0],
                                top,
                                Outputs.margin(out),
                                null,
                                SampleStats.UNKNOWN));
            }
            Fingerprint fp =
                    new Fingerprint(
                            model.info(),
                            new ComparisonSettings(mode, 5, 1e-5, 0),
                            new TreeMap<>(java.util.Map.of("kind", "natural")),
                            new TreeMap<>(java.util.Map.of("libtorch", "2.7.1")),
                            Instant.parse("2026-11-26T00:00:00Z"),
                            samples);
            FingerprintWriter w =
                    key == null ? FingerprintWriter.unsigned() : FingerprintWriter.signedWith(key);
            w.write(fp, file);
        }
        return file;
    }
}
