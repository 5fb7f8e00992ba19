package dev.sensiprint.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.generate.Ball;
import dev.sensiprint.generate.GeneratedSample;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.SensitiveSampleGenerator;
import dev.sensiprint.generate.SensitivityProbe.Probe;
import dev.sensiprint.model.BlockModel;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import dev.sensiprint.testing.SharedModels;
import dev.sensiprint.testing.TestNetworks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ObjectiveProbeTest {

    private static FloatTensor pixels(long seed) {
        double[] d = GradientCheckTest.randomPixels(new int[] {1, 6, 6}, seed);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return new FloatTensor(new int[] {1, 6, 6}, f);
    }

    @Test
    void probeGivesTheObjectivesValueGradientAndTheModelsOutput() {
        FloatTensor x = pixels(21);
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                SensitivityObjective objective =
                        SensitivityObjective.create(mlp, WeightSelection.all());
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            ObjectiveProbe probe = ObjectiveProbe.forSeed(objective, x, ClassSelection.top1());
            NDArray array = m.create(x.data(), new Shape(1, 6, 6));
            Sensitivity direct = objective.valueAndGradient(array, probe.classes());

            Probe p = probe.probe(x);

            assertThat(p.sensitivity()).isEqualTo(direct.value());
            assertThat(p.gradient().shape()).containsExactly(1, 6, 6);
            assertThat(p.gradient().data()).containsExactly(direct.gradient().toFloatArray());
            assertThat(p.output().data())
                    .containsExactly(mlp.forward(array.expandDims(0)).toFloatArray());
        }
    }

    @Test
    void classSetIsTheSeedsTopClass() {
        FloatTensor seed = pixels(22);
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                SensitivityObjective objective =
                        SensitivityObjective.create(mlp, WeightSelection.all());
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] out = mlp.forward(m.create(seed.data(), new Shape(1, 1, 6, 6))).toFloatArray();

            ObjectiveProbe probe = ObjectiveProbe.forSeed(objective, seed, ClassSelection.top1());

            assertThat(probe.classes().classes()).containsExactly(Outputs.argmax(out));
        }
    }

    @Test
    @Tag("slow")
    void generatorRaisesTheSensitivityOfARealMnistDigit() {
        FloatTensor seed = new FloatTensor(new int[] {1, 28, 28}, SharedModels.mnistTest(0));
        GeneratorSettings settings =
                new GeneratorSettings(
                        40,
                        0.01,
                        GeneratorSettings.DEFAULT_EPS,
                        Ball.RMS,
                        true,
                        1e-3,
                        false,
                        50,
                        1e-3,
                        0f,
                        1f);
        try (DifferentiableModel model = SharedModels.mnistMlp();
                SensitivityObjective objective =
                        SensitivityObjective.create(model, WeightSelection.all())) {
            ObjectiveProbe probe = ObjectiveProbe.forSeed(objective, seed, ClassSelection.top1());

            GeneratedSample sample =
                    new SensitiveSampleGenerator(probe, settings)
                            .generate(seed, SensitiveSampleGenerator.StepListener.NONE);

            assertThat(sample.gain()).isGreaterThan(10);
            assertThat(Outputs.argmax(sample.output().data()))
                    .isEqualTo(probe.classes().classes()[0]);
        }
    }
}
