package dev.sensiprint.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.tensor.FloatTensor;

/**
 * A TorchScript model loaded for inference: parameters are inference tensors and every call runs
 * under libtorch's inference guard, so nothing is recorded. Calls are serialised (DJL managers are
 * not thread-safe).
 */
public final class TorchScriptInferenceModel implements InferenceModel {

    private final ModelSpec spec;
    private final Model model;
    private final PtSymbolBlock block;
    private final PixelNormalisation normalisation;
    private final ModelInfo info;

    private TorchScriptInferenceModel(ModelSpec spec, String sha256) {
        this.spec = spec;
        this.model = TorchScriptModules.load(spec.path(), false, spec.path());
        try {
            this.block = TorchScriptModules.block(model);
            this.normalisation = PixelNormalisation.of(spec, model.getNDManager());
            LoadProbe.Result probe = LoadProbe.run(spec, this::predictChecked);
            this.info = ModelInfos.of(spec, sha256, probe);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Loads a TorchScript file for inference.
     *
     * @throws BadInputException naming the file when it is missing, not TorchScript, damaged,
     *     rejects the spec's input shape, or does not return N×K scores
     */
    public static TorchScriptInferenceModel load(ModelSpec spec) {
        if (ModelFiles.format(spec.path()) != ModelFiles.Format.TORCHSCRIPT) {
            throw new BadInputException(
                    "model file " + spec.path() + " is not a TorchScript archive");
        }
        ModelFiles.requireTorchScriptArchive(spec.path());
        return new TorchScriptInferenceModel(spec, ModelFiles.sha256(spec.path()));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public synchronized FloatTensor predict(FloatTensor pixels) {
        ModelOutputs.requireBatch(spec, pixels.shape());
        return predictChecked(pixels);
    }

    private FloatTensor predictChecked(FloatTensor pixels) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            long[] shape = ModelOutputs.batchShape(spec, pixels.shape()[0]);
            NDArray x = m.create(pixels.data(), new Shape(shape));
            NDArray scores =
                    TorchScriptModules.forward(block, normalisation.apply(x), false, spec.path());
            return ModelOutputs.tensor(
                    scores.getShape().getShape(), TorchScriptModules.toFloats(scores));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
