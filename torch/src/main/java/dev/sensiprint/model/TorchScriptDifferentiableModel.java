package dev.sensiprint.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.util.Pair;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript model loaded for gradient work (djl-pytorch.md §4): parameters loaded with {@code
 * trainParam=true} so they require grad, the forward through {@code IValueUtils.forward(block,
 * list, true)} so autograd records while the module stays in eval mode (BatchNorm uses its running
 * statistics, dropout is off).
 *
 * <p>W = the parameters requiring grad with a floating-point type, in the module's order. BatchNorm
 * running statistics are buffers, which DJL does not list for TorchScript files, so they are never
 * part of W. A file with no parameters but weights kept as graph constants is rewritten on a
 * temporary copy first ({@link ConstantWeightsRewriter}); {@link #info()} still carries the SHA-256
 * of the user's file.
 */
public final class TorchScriptDifferentiableModel implements DifferentiableModel {

    private final ModelSpec spec;
    private final Model model;
    private final PtSymbolBlock block;
    private final List<Weight> weights;
    private final PixelNormalisation normalisation;
    private final List<ConstantWeightsRewriter.Promotion> promotions;
    private final ModelInfo info;

    private TorchScriptDifferentiableModel(
            ModelSpec spec,
            String sha256,
            Model model,
            List<Weight> weights,
            List<ConstantWeightsRewriter.Promotion> promotions) {
        this.spec = spec;
        this.model = model;
        this.block = TorchScriptModules.block(model);
        this.weights = weights;
        this.promotions = promotions;
        this.normalisation = PixelNormalisation.of(spec, model.getNDManager());
        this.info = ModelInfos.of(spec, sha256, LoadProbe.run(spec, this::probeForward));
    }

    /**
     * Loads a TorchScript file for gradients.
     *
     * @throws BadInputException naming the file when it is missing, not TorchScript (ONNX models
     *     load for inference only), damaged, rejects the spec's input shape, does not return N×K
     *     scores, or has no trainable floating-point weights even after the constant rewrite
     */
    public static TorchScriptDifferentiableModel load(ModelSpec spec) {
        Path path = spec.path();
        if (ModelFiles.format(path) != ModelFiles.Format.TORCHSCRIPT) {
            throw new BadInputException(
                    "model file "
                            + path
                            + " is ONNX; ONNX models can be loaded for inference only");
        }
        ModelFiles.requireTorchScriptArchive(path);
        String sha256 = ModelFiles.sha256(path);

        Model model = TorchScriptModules.load(path, true, path);
        List<ConstantWeightsRewriter.Promotion> promotions = List.of();
        try {
            List<Weight> weights = trainableWeights(model);
            if (weights.isEmpty()) {
                promotions = ConstantWeightsRewriter.plan(path);
                if (!promotions.isEmpty()) {
                    model.close();
                    model = loadRewritten(path);
                    weights = trainableWeights(model);
                }
            }
            if (weights.isEmpty()) {
                throw new BadInputException(
                        "model "
                                + path
                                + " has no trainable floating-point parameters, so there is no"
                                + " weight to fingerprint");
            }
            return new TorchScriptDifferentiableModel(spec, sha256, model, weights, promotions);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Model loadRewritten(Path path) {
        Path copy = null;
        try {
            copy = Files.createTempFile("sensiprint-constant-weights-", ".pt");
            ConstantWeightsRewriter.rewrite(path, copy);
            // libtorch reads the whole archive at load time, so the copy can go right after.
            return TorchScriptModules.load(copy, true, path);
        } catch (IOException e) {
            throw new BadInputException(
                    "model " + path + " needs a rewritten temporary copy, which failed: " + e, e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a leftover file in the temp folder is harmless
                }
            }
        }
    }

    private static List<Weight> trainableWeights(Model model) {
        List<Weight> ws = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.getDataType().isFloating() && a.hasGradient()) {
                ws.add(new Weight(p.getValue().getName(), a));
            }
        }
        return List.copyOf(ws);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public NDArray forward(NDArray pixels) {
        long[] shape = pixels.getShape().getShape();
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        ModelOutputs.requireBatch(spec, s);
        return TorchScriptModules.forward(block, normalisation.apply(pixels), true, spec.path());
    }

    @Override
    public List<Weight> weights() {
        return weights;
    }

    /**
     * The graph constants that were promoted to parameters at load time; empty for ordinary files.
     */
    public List<ConstantWeightsRewriter.Promotion> promotedConstants() {
        return promotions;
    }

    /**
     * Saves the module with the current values of its weights as a TorchScript file, through
     * libtorch's own serialiser ({@link TorchScriptSaver}); the tampering suite changes {@link
     * #weights()} in place and then calls this.
     *
     * @throws BadInputException naming the file when it cannot be written
     */
    public void save(Path out) {
        TorchScriptSaver.save(block, out);
    }

    @Override
    public void close() {
        model.close();
    }

    private FloatTensor probeForward(FloatTensor pixels) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            long[] shape = ModelOutputs.batchShape(spec, pixels.shape()[0]);
            NDArray scores = forward(m.create(pixels.data(), new Shape(shape)));
            return ModelOutputs.tensor(
                    scores.getShape().getShape(), TorchScriptModules.toFloats(scores));
        }
    }
}
