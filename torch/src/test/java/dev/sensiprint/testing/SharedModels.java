package dev.sensiprint.testing;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.RecordFormat;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;

/**
 * The shared models loaded for gradients, and the shared test images, as the sensitivity tests and
 * the benchmark use them (../shared/models/README.md gives the specs).
 */
public final class SharedModels {

    /** resnet20_cifar10 expects the ImageNet mean/std, applied outside the file. */
    public static final Preprocessing CIFAR_MEAN_STD =
            new Preprocessing(
                    new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f},
                    false);

    private SharedModels() {}

    public static TorchScriptDifferentiableModel mnistMlp() {
        return TorchScriptDifferentiableModel.load(
                ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28));
    }

    /** A LeNet-size CNN whose weights are graph constants (promoted to parameters on load). */
    public static TorchScriptDifferentiableModel mnistConvnet() {
        return TorchScriptDifferentiableModel.load(
                ModelSpec.of(SharedFiles.model("mnist_convnet.pt"), 1, 28, 28));
    }

    public static TorchScriptDifferentiableModel resnet20() {
        return TorchScriptDifferentiableModel.load(
                ModelSpec.of(SharedFiles.model("resnet20_cifar10.pt"), 3, 32, 32)
                        .withPreprocessing(CIFAR_MEAN_STD));
    }

    /** Image {@code index} of the MNIST test set (1×28×28, [0,1]). */
    public static float[] mnistTest(int index) {
        return Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), index + 1)
                .get(index)
                .image()
                .data();
    }

    /** Image {@code index} of the shared CIFAR-10 test images (3×32×32, [0,1]). */
    public static float[] cifarTest(int index) {
        return Datasets.records(
                        SharedFiles.data("cifar10-test-first1000.bin.gz"),
                        RecordFormat.CIFAR10,
                        index + 1)
                .get(index)
                .image()
                .data();
    }
}
