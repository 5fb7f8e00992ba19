package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated tampering behind joint selection, on the real MLP. */
class TorchPipelineModelTest {

    @Test
    void labelFlipsSeeLargeChangesNotNoneAndLeaveTheWeightsAsTheyWere() {
        ModelSpec spec = ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28);
        ImageDataset images = Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), 50);
        List<FloatTensor> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add(images.get(i).image());
        }
        JointSelection joint =
                new JointSelection(
                        List.of(AttackSpecs.parse("none"), AttackSpecs.parse("noise:r=3,q=1")), 3);
        try (DifferentiableModel model = ModelLoader.forGradients(spec);
                InferenceModel inference = ModelLoader.forInference(spec);
                SensitivityObjective objective =
                        SensitivityObjective.create(model, WeightSelection.all());
                TorchPipelineModel m =
                        new TorchPipelineModel(
                                model,
                                objective,
                                ClassSelection.top1(),
                                CoverLayers.PENULTIMATE,
                                inference,
                                spec,
                                null,
                                1,
                                1)) {
            WeightSet before = LiveWeights.read(model.weights());

            boolean[][] flips = m.labelFlips(samples, joint.changes());

            assertThat(LiveWeights.read(model.weights())).isEqualTo(before);
            assertThat(joint.changes()).hasSize(1 + 3);
            int noneFlips = 0;
            int noiseFlips = 0;
            for (boolean[] row : flips) {
                noneFlips += row[0] ? 1 : 0;
                for (int p = 1; p < row.length; p++) {
                    noiseFlips += row[p] ? 1 : 0;
                }
            }
            assertThat(noneFlips).isZero();
            // Noise of 3 × each tensor's std on every weight wrecks the classifier.
            assertThat(noiseFlips).isGreaterThan(50 * 3 / 2);
        }
    }
}
