package dev.sensiprint.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loading and calling TorchScript modules through DJL, shared by both TorchScript models. */
final class TorchScriptModules {

    private TorchScriptModules() {}

    /**
     * Loads a checked TorchScript archive on the CPU, in eval mode.
     *
     * @param trainParam load parameters as ordinary tensors requiring grad (needed for any autograd
     *     through the module, djl-pytorch.md §4); otherwise they are inference tensors
     * @param shownAs the path to name in error messages (the user's file, not a temp copy)
     */
    static Model load(Path file, boolean trainParam, Path shownAs) {
        TorchRuntime.pytorch();
        Model model = Model.newInstance(modelName(shownAs), Device.cpu(), TorchRuntime.ENGINE_NAME);
        try {
            model.load(file, null, trainParam ? Map.of("trainParam", "true") : Map.of());
            // torch.jit.load keeps the training flag the file was saved with; a module saved in
            // training mode would run dropout and batch statistics. Fingerprints need eval mode.
            JniUtils.enableInferenceMode(block(model));
            return model;
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new BadInputException(
                    "model "
                            + shownAs
                            + " could not be loaded as TorchScript: "
                            + EngineMessages.summary(e),
                    e);
        }
    }

    static PtSymbolBlock block(Model model) {
        return (PtSymbolBlock) model.getBlock();
    }

    /**
     * Runs the module's forward on one input array.
     *
     * @param recordGraph true: autograd records (when grad mode is on) and the module stays in eval
     *     mode; false: runs under libtorch's inference guard
     * @return the single output tensor, on the input's manager
     */
    static NDArray forward(PtSymbolBlock block, NDArray input, boolean recordGraph, Path shownAs) {
        TorchRuntime.configureCallingThread();
        // IValueUtils packs arrays by name ("a.b" into a Dict, "x[]" into a List): the input must
        // go in unnamed.
        String name = input.getName();
        input.setName(null);
        NDList out;
        try {
            out = IValueUtils.forward(block, new NDList(input), recordGraph);
        } finally {
            input.setName(name);
        }
        int count = out.size();
        if (count != 1) {
            out.close();
            throw new BadInputException(
                    "model " + shownAs + " returns " + count + " tensors; expected one");
        }
        NDArray scores = out.get(0);
        ModelOutputs.requireScores(shownAs, scores.getShape().getShape(), input.getShape().get(0));
        if (!scores.getDataType().isFloating()) {
            throw new BadInputException(
                    "model "
                            + shownAs
                            + " returns "
                            + scores.getDataType()
                            + " values; expected floating-point scores");
        }
        return scores;
    }

    static float[] toFloats(NDArray scores) {
        return scores.getDataType() == DataType.FLOAT32
                ? scores.toFloatArray()
                : scores.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static String modelName(Path p) {
        Path f = p.getFileName();
        return f == null ? "model" : f.toString();
    }
}
