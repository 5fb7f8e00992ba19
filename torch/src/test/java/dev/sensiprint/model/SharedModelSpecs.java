package dev.sensiprint.model;

import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.testing.SharedFiles;
import java.util.List;

/** Specs for the shared models, as ../shared/models/README.md describes them. */
final class SharedModelSpecs {

    static final List<String> TORCHSCRIPT =
            List.of(
                    "resnet20_cifar10.pt",
                    "mnist_mlp_clean.pt",
                    "mnist_mlp_trojan.pt",
                    "mnist_badnet_trojan.pt",
                    "mnist_convnet.pt");

    static final Preprocessing IMAGENET_MEAN_STD =
            new Preprocessing(
                    new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f},
                    false);

    static final Preprocessing HALF_HALF =
            new Preprocessing(new float[] {0.5f}, new float[] {0.5f}, false);

    private SharedModelSpecs() {}

    /** The spec for a shared model file; skips the test when the file is missing. */
    static ModelSpec spec(String file) {
        if (file.startsWith("resnet20")) {
            return ModelSpec.of(SharedFiles.model(file), 3, 32, 32)
                    .withPreprocessing(IMAGENET_MEAN_STD);
        }
        ModelSpec s = ModelSpec.of(SharedFiles.model(file), 1, 28, 28);
        return file.startsWith("mnist_badnet") ? s.withPreprocessing(HALF_HALF) : s;
    }

    static boolean isCifar(String file) {
        return file.startsWith("resnet20");
    }
}
