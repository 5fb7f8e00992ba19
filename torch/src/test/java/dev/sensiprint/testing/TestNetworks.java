package dev.sensiprint.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.NormalInitializer;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.model.BlockModel;

/** Small DJL networks with seeded random weights, for gradient checks. */
public final class TestNetworks {

    private TestNetworks() {}

    /** conv3×3(4, pad 1)-relu-maxpool2-dense10 on 1×12×12. */
    public static BlockModel cnn(DataType dataType, long seed) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setKernelShape(new Shape(3, 3))
                                        .optPadding(new Shape(1, 1))
                                        .setFilters(4)
                                        .build())
                        .add(Activation::relu)
                        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(10).build());
        return build(block, seed, dataType, OutputKind.LOGITS, "cnn", 1, 12, 12);
    }

    /** dense16-relu-dense10 on 1×6×6 (flattened). */
    public static BlockModel mlp(DataType dataType, long seed) {
        return build(mlpBlock(), seed, dataType, OutputKind.LOGITS, "mlp", 1, 6, 6);
    }

    /** {@link #mlp} followed by a softmax: the same weights for the same seed. */
    public static BlockModel mlpWithSoftmax(DataType dataType, long seed) {
        SequentialBlock block =
                new SequentialBlock()
                        .add(mlpBlock())
                        .add(
                                new LambdaBlock(
                                        list -> new NDList(list.singletonOrThrow().softmax(1))));
        return build(block, seed, dataType, OutputKind.PROBABILITIES, "mlp-softmax", 1, 6, 6);
    }

    private static SequentialBlock mlpBlock() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
    }

    private static BlockModel build(
            SequentialBlock block,
            long seed,
            DataType dataType,
            OutputKind kind,
            String name,
            int... inputShape) {
        // Non-zero biases too, so that every weight tensor takes part in the check.
        block.setInitializer(new NormalInitializer(0.5f), p -> true);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        return BlockModel.builder(block, inputShape)
                .name(name)
                .dataType(dataType)
                .outputKind(kind)
                .build();
    }
}
