package dev.sensiprint.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DifferentiableModel} over a DJL {@link Block} built in Java: for gradient checks in
 * float64 (a TorchScript module cannot be cast, djl-pytorch.md §4.1) and for training small models.
 *
 * <p>The block is initialised by {@link Builder#build()} for one input shape and data type, with
 * DJL's initialisers (seed them with {@code Engine.setRandomSeed}). Forward runs in inference mode
 * (BatchNorm uses its running statistics, dropout is off).
 */
public final class BlockModel implements DifferentiableModel {

    private final String name;
    private final Block block;
    private final NDManager manager;
    private final int[] inputShape;
    private final DataType dataType;
    private final Preprocessing preprocessing;
    private final OutputKind outputKind;
    private final int numClasses;
    private final NDArray mean;
    private final NDArray std;

    private BlockModel(Builder b, NDManager manager, int numClasses) {
        this.name = b.name;
        this.block = b.block;
        this.manager = manager;
        this.inputShape = b.inputShape.clone();
        this.dataType = b.dataType;
        this.preprocessing = b.preprocessing;
        this.outputKind = b.outputKind;
        this.numClasses = numClasses;
        if (preprocessing.isIdentity()) {
            this.mean = null;
            this.std = null;
        } else {
            Shape perChannel = new Shape(preprocessing.mean().length, 1, 1);
            this.mean = constant(manager, preprocessing.mean(), perChannel, dataType);
            this.std = constant(manager, preprocessing.std(), perChannel, dataType);
        }
    }

    private static NDArray constant(NDManager m, float[] values, Shape shape, DataType type) {
        try (NDArray asFloat = m.create(values, shape)) {
            return asFloat.toType(type, true);
        }
    }

    /**
     * Starts building a model over {@code block} for inputs of {@code inputShape} (one sample, e.g.
     * {@code 1, 28, 28}).
     */
    public static Builder builder(Block block, int... inputShape) {
        return new Builder(block, inputShape);
    }

    /** The block itself, e.g. for a trainer. */
    public Block block() {
        return block;
    }

    /** FLOAT32 or FLOAT64, as built. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * What the model is. The digest is the SHA-256 of every parameter's bytes (BatchNorm statistics
     * included), recomputed on each call, so it follows training.
     */
    @Override
    public ModelInfo info() {
        return new ModelInfo(
                parameterDigest(),
                name,
                inputShape.clone(),
                0f,
                1f,
                preprocessing,
                outputKind,
                numClasses);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public NDArray forward(NDArray pixels) {
        NDArray x = pixels;
        if (mean != null) {
            x = x.sub(mean).div(std);
        }
        ParameterStore store = new ParameterStore(manager, false);
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /** Parameters that require gradient: BatchNorm running statistics are not weights. */
    @Override
    public List<Weight> weights() {
        List<Weight> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                weights.add(new Weight(p.getKey(), p.getValue().getArray()));
            }
        }
        return List.copyOf(weights);
    }

    private String parameterDigest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            sha.update(p.getKey().getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = p.getValue().getArray().toByteBuffer();
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Options for {@link BlockModel}; validated by {@link #build()}. */
    public static final class Builder {
        private final Block block;
        private final int[] inputShape;
        private String name = "block";
        private DataType dataType = DataType.FLOAT32;
        private Preprocessing preprocessing = Preprocessing.NONE;
        private OutputKind outputKind = OutputKind.LOGITS;

        private Builder(Block block, int[] inputShape) {
            this.block = Objects.requireNonNull(block, "block");
            this.inputShape = inputShape.clone();
        }

        /** A name for reports (stands in for a file name). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** FLOAT32 (default) or FLOAT64. */
        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        /** The normalisation applied to pixels inside the graph (default none). */
        public Builder preprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /** Whether the block ends in a softmax (default: it outputs logits). */
        public Builder outputKind(OutputKind outputKind) {
            this.outputKind = outputKind;
            return this;
        }

        /**
         * Initialises the block's parameters in a new manager on the PyTorch engine and checks that
         * it maps one input to a vector of class scores.
         */
        public BlockModel build() {
            if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
                throw new IllegalArgumentException(
                        "a block model computes in FLOAT32 or FLOAT64, not " + dataType);
            }
            if (inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(d -> d <= 0)) {
                throw new IllegalArgumentException(
                        "input shape must be positive dimensions: " + Arrays.toString(inputShape));
            }
            if (!preprocessing.isIdentity() && preprocessing.mean().length != inputShape[0]) {
                throw new IllegalArgumentException(
                        "preprocessing has "
                                + preprocessing.mean().length
                                + " channels, input shape "
                                + Arrays.toString(inputShape));
            }
            long[] batched = new long[inputShape.length + 1];
            batched[0] = 1;
            for (int i = 0; i < inputShape.length; i++) {
                batched[i + 1] = inputShape[i];
            }
            Shape input = new Shape(batched);
            NDManager manager = NDManager.newBaseManager("PyTorch");
            try {
                block.initialize(manager, dataType, input);
                Shape out = block.getOutputShapes(new Shape[] {input})[0];
                if (out.dimension() != 2 || out.get(0) != 1 || out.get(1) < 2) {
                    throw new IllegalArgumentException(
                            "block must map "
                                    + input
                                    + " to (1, classes) with at least 2 classes, got "
                                    + out);
                }
                return new BlockModel(this, manager, (int) out.get(1));
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }
    }
}
