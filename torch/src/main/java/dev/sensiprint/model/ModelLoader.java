package dev.sensiprint.model;

/**
 * The entry point for loading a model file, offline, on the CPU.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.of(Path.of("resnet20_cifar10.pt"), 3, 32, 32)
 *         .withPreprocessing(new Preprocessing(MEAN, STD, false));
 * try (DifferentiableModel m = ModelLoader.forGradients(spec)) { ... }
 * }</pre>
 *
 * Every failure the user can fix (missing, damaged or foreign file, wrong input shape, outputs that
 * are not N×K class scores) is a {@link dev.sensiprint.error.BadInputException} naming the file.
 */
public final class ModelLoader {

    private ModelLoader() {}

    /**
     * Checks, without loading it, that {@code spec}'s file is there and is a model this loader
     * reads, so that a command fails before its long work rather than after.
     */
    public static void requireLoadable(ModelSpec spec) {
        ModelFiles.format(spec.path());
    }

    /** A TorchScript archive (any name) or an ONNX model (name ending in {@code .onnx}). */
    public static InferenceModel forInference(ModelSpec spec) {
        return switch (ModelFiles.format(spec.path())) {
            case TORCHSCRIPT -> TorchScriptInferenceModel.load(spec);
            case ONNX -> OnnxInferenceModel.load(spec);
        };
    }

    /** A TorchScript archive with autograd through its weights and inputs. */
    public static DifferentiableModel forGradients(ModelSpec spec) {
        return TorchScriptDifferentiableModel.load(spec);
    }
}
