package dev.sensiprint.attack;

import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.Weight;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A TorchScript file opened to read, tamper with and save its weights.
 *
 * <p><b>TEMPORARY loader.</b> Loading belongs to {@code dev.sensiprint.model} (branch
 * model-loading: {@code TorchScriptDifferentiableModel}, which also promotes graph-constant weights
 * to parameters); until that lands this class loads the file itself, the same way (djl-pytorch.md
 * §4: {@code trainParam=true}; W = the parameters that require grad and are floating point).
 * Replace {@link #load} with that loader and keep {@link #save}, which needs the module handle.
 * Files whose weights are graph constants (mnist_convnet.pt) have no W here and are rejected.
 */
public final class TamperableModel implements AutoCloseable {

    static {
        // DJL's Engine phones home unless this is set before it initialises (djl-pytorch.md §2).
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private final Path source;
    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;
    private final List<Weight> weights;

    private TamperableModel(Path source, ZooModel<NDList, NDList> model, List<Weight> weights) {
        this.source = source;
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.weights = weights;
    }

    /**
     * @throws BadInputException naming the file when it is missing, not loadable TorchScript, or
     *     has no trainable floating-point parameter
     */
    public static TamperableModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("model file " + file + " does not exist");
        }
        ZooModel<NDList, NDList> model;
        try {
            model =
                    Criteria.builder()
                            .setTypes(NDList.class, NDList.class)
                            .optModelPath(file)
                            .optEngine("PyTorch")
                            .optOption("trainParam", "true")
                            .build()
                            .loadModel();
        } catch (ModelNotFoundException
                | MalformedModelException
                | IOException
                | EngineException e) {
            throw new BadInputException(
                    "model file " + file + " is not a loadable TorchScript file: " + e, e);
        }
        try {
            if (!(model.getBlock() instanceof PtSymbolBlock)) {
                throw new BadInputException("model file " + file + " is not a TorchScript module");
            }
            List<Weight> ws = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                NDArray a = p.getValue().getArray();
                if (a.getDataType().isFloating() && a.hasGradient()) {
                    ws.add(new Weight(p.getValue().getName(), a));
                }
            }
            if (ws.isEmpty()) {
                throw new BadInputException(
                        "model "
                                + file
                                + " has no trainable floating-point parameters (weights kept as"
                                + " graph constants are not supported yet)");
            }
            return new TamperableModel(file, model, List.copyOf(ws));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The file this model was loaded from. */
    public Path source() {
        return source;
    }

    /** W as live tensors, in the module's parameter order. */
    public List<Weight> weights() {
        return weights;
    }

    /** Host copies of W. */
    public WeightSet readWeights() {
        return LiveWeights.read(weights);
    }

    /** Puts host values into the live tensors; see {@link LiveWeights#write}. */
    public int writeWeights(WeightSet values) {
        return LiveWeights.write(values, weights);
    }

    /**
     * The module's raw output for a batch (no preprocessing added), in inference mode, with the
     * graph-executor optimiser off so repeated calls are bit-identical (djl-pytorch.md §7).
     *
     * @param batch N × the model's input shape, contiguous row-major
     */
    public FloatTensor forward(FloatTensor batch) {
        JniUtils.setGraphExecutorOptimize(false);
        long[] shape = Arrays.stream(batch.shape()).asLongStream().toArray();
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(batch.data(), new Shape(shape));
            NDArray y = IValueUtils.forward(block, new NDList(x), false).singletonOrThrow();
            long[] ys = y.getShape().getShape();
            int[] outShape = new int[ys.length];
            for (int i = 0; i < ys.length; i++) {
                outShape[i] = Math.toIntExact(ys[i]);
            }
            return new FloatTensor(outShape, y.toFloatArray());
        }
    }

    /** Saves the module with its current weights as a TorchScript file. */
    public void save(Path out) {
        TorchScriptSaver.save(block, out);
    }

    @Override
    public void close() {
        model.close();
    }
}
