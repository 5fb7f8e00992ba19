package dev.sensiprint.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The in-memory copies the evaluation makes: tamper, answer, restore. */
class LiveForwardTest {

    private static ModelSpec mlp() {
        return ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28);
    }

    private static List<FloatTensor> images(int n) {
        ImageDataset d =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), n);
        List<FloatTensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(d.get(i).image());
        }
        return out;
    }

    @Test
    void batchedAnswersOfTheCleanModelAreWithinFloatNoiseOfTheStoredOnes() {
        List<FloatTensor> x = images(70); // more than one batch
        try (TorchScriptDifferentiableModel model = TorchScriptDifferentiableModel.load(mlp());
                InferenceModel inference = ModelLoader.forInference(mlp())) {
            List<FloatTensor> live = new LiveForward(model).outputs(x);
            List<FloatTensor> stored = ModelVariations.oneByOne(inference, x);
            assertThat(live).hasSize(70);
            for (int i = 0; i < x.size(); i++) {
                float[] a = live.get(i).data();
                float[] b = stored.get(i).data();
                for (int k = 0; k < a.length; k++) {
                    assertThat((double) a[k])
                            .isCloseTo(b[k], org.assertj.core.api.Assertions.within(1e-4));
                }
            }
        }
    }

    @Test
    void aRestoredCopyAnswersBitForBitAsBeforeTampering() {
        List<FloatTensor> x = images(10);
        try (TorchScriptDifferentiableModel model = TorchScriptDifferentiableModel.load(mlp())) {
            LiveForward live = new LiveForward(model);
            WeightSet pristine = LiveWeights.read(model.weights());
            List<FloatTensor> before = live.outputs(x);
            Tampering.applyInPlace(model, AttackSpecs.parse("noise:r=0.1,q=0.5"), 7);
            List<FloatTensor> tampered = live.outputs(x);
            LiveWeights.write(pristine, model.weights());
            List<FloatTensor> after = live.outputs(x);
            assertThat(tampered).isNotEqualTo(before);
            assertThat(after).isEqualTo(before);
            assertThat(LiveWeights.read(model.weights())).isEqualTo(pristine);
        }
    }

    @Test
    @Tag("slow")
    void aRestoredCopyAnswersBitForBitAfterFineTuningAModelWithBatchNorm() {
        // resnet20 has 1,395 BatchNorm buffer values that W does not include: were training to
        // move them, writing W back would not restore the model.
        ModelSpec resnet =
                ModelSpec.of(SharedFiles.model("resnet20_cifar10.pt"), 3, 32, 32)
                        .withPreprocessing(
                                new dev.sensiprint.fingerprint.Preprocessing(
                                        new float[] {0.485f, 0.456f, 0.406f},
                                        new float[] {0.229f, 0.224f, 0.225f},
                                        false));
        ImageDataset cifar =
                Datasets.open(SharedFiles.data("cifar10-train-first4000.bin.gz").toString(), 40);
        List<FloatTensor> x = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            x.add(cifar.get(i).image());
        }
        try (TorchScriptDifferentiableModel model = TorchScriptDifferentiableModel.load(resnet)) {
            LiveForward live = new LiveForward(model);
            WeightSet pristine = LiveWeights.read(model.weights());
            List<FloatTensor> before = live.outputs(x);
            Tampering.applyInPlace(
                    model, AttackSpecs.parse("finetune:lr=1e-2,epochs=1,n=32"), 3, cifar);
            List<FloatTensor> tampered = live.outputs(x);
            LiveWeights.write(pristine, model.weights());
            assertThat(tampered).isNotEqualTo(before);
            assertThat(live.outputs(x)).isEqualTo(before);
        }
    }
}
