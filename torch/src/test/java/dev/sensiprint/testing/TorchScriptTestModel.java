package dev.sensiprint.testing;

import ai.djl.MalformedModelException;
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
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A TorchScript file as a {@link DifferentiableModel} in whatever data type its weights have: the
 * minimum needed to load the float64 copy made by {@link Float64Archive}. The project's loader
 * ({@code TorchScriptDifferentiableModel}) probes a model with float32 inputs at load time, so it
 * cannot load such a copy; everything else uses that loader.
 */
public final class TorchScriptTestModel implements DifferentiableModel {

    private final ZooModel<NDList, NDList> zoo;
    private final PtSymbolBlock block;
    private final ModelInfo info;
    private final NDArray mean;
    private final NDArray std;

    private TorchScriptTestModel(ZooModel<NDList, NDList> zoo, ModelInfo info) {
        this.zoo = zoo;
        this.block = (PtSymbolBlock) zoo.getBlock();
        this.info = info;
        Preprocessing p = info.preprocessing();
        if (p.isIdentity()) {
            mean = null;
            std = null;
        } else {
            Shape perChannel = new Shape(p.mean().length, 1, 1);
            mean = zoo.getNDManager().create(p.mean(), perChannel);
            std = zoo.getNDManager().create(p.std(), perChannel);
        }
    }

    /**
     * Loads {@code file} with {@code trainParam=true} so that its parameters can take gradients.
     */
    public static TorchScriptTestModel load(
            Path file,
            int[] inputShape,
            Preprocessing preprocessing,
            OutputKind outputKind,
            int numClasses)
            throws IOException, ModelNotFoundException, MalformedModelException {
        ZooModel<NDList, NDList> zoo =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(file)
                        .optEngine("PyTorch")
                        .optOption("trainParam", "true")
                        .build()
                        .loadModel();
        ModelInfo info =
                new ModelInfo(
                        sha256(file),
                        file.getFileName().toString(),
                        inputShape,
                        0f,
                        1f,
                        preprocessing,
                        outputKind,
                        numClasses);
        return new TorchScriptTestModel(zoo, info);
    }

    /** A file holding resnet20_cifar10 (e.g. its float64 copy), with the CIFAR mean/std. */
    public static TorchScriptTestModel resnet20(Path file) throws Exception {
        return load(
                file, new int[] {3, 32, 32}, SharedModels.CIFAR_MEAN_STD, OutputKind.LOGITS, 10);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public NDManager manager() {
        return zoo.getNDManager();
    }

    @Override
    public NDArray forward(NDArray pixels) {
        NDArray x = mean == null ? pixels : pixels.sub(mean).div(std);
        // Reproducible TorchScript calls (djl-pytorch.md §7); the setting is per thread.
        JniUtils.setGraphExecutorOptimize(false);
        // Records autograd and keeps the module in eval mode (djl-pytorch.md §4).
        return IValueUtils.forward(block, new NDList(x), true).singletonOrThrow();
    }

    @Override
    public List<Weight> weights() {
        List<Weight> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            weights.add(new Weight(p.getKey(), p.getValue().getArray()));
        }
        return List.copyOf(weights);
    }

    @Override
    public void close() {
        zoo.close();
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
