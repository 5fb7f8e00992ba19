package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.sensiprint.fingerprint.Preprocessing;
import org.junit.jupiter.api.Test;

class BlockModelTest {

    private static SequentialBlock convWithBatchNorm() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build())
                .add(BatchNorm.builder().build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    @Test
    void weightsExcludeBatchNormRunningStatistics() {
        try (BlockModel model = BlockModel.builder(convWithBatchNorm(), 2, 5, 5).build()) {
            assertThat(model.weights())
                    .extracting(Weight::name)
                    .noneMatch(n -> n.contains("running"))
                    .anyMatch(n -> n.contains("gamma"))
                    .hasSize(6);
        }
    }

    @Test
    void numberOfClassesComesFromTheOutputShape() {
        try (BlockModel model = BlockModel.builder(convWithBatchNorm(), 2, 5, 5).build()) {
            assertThat(model.info().numClasses()).isEqualTo(3);
        }
    }

    @Test
    void float64ModelHasFloat64Weights() {
        try (BlockModel model =
                BlockModel.builder(convWithBatchNorm(), 2, 5, 5)
                        .dataType(DataType.FLOAT64)
                        .build()) {
            assertThat(model.weights()).allMatch(w -> w.array().getDataType() == DataType.FLOAT64);
        }
    }

    @Test
    void preprocessingIsAppliedBeforeTheBlock() {
        Preprocessing p = new Preprocessing(new float[] {0.5f}, new float[] {0.25f}, false);
        SequentialBlock identity = new SequentialBlock().add(Blocks.batchFlattenBlock());
        try (BlockModel model = BlockModel.builder(identity, 1, 1, 2).preprocessing(p).build();
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = model.forward(m.create(new float[] {0.25f, 1f}, new Shape(1, 1, 1, 2)));
            assertThat(out.toFloatArray()).containsExactly(-1f, 2f);
        }
    }

    @Test
    void digestFollowsTheWeights() {
        try (BlockModel model = BlockModel.builder(convWithBatchNorm(), 2, 5, 5).build()) {
            String before = model.info().sha256();
            model.weights().get(0).array().addi(1f);
            assertThat(model.info().sha256()).isNotEqualTo(before);
        }
    }

    @Test
    void forwardGivesOneScoreVectorPerSample() {
        try (BlockModel model = BlockModel.builder(convWithBatchNorm(), 2, 5, 5).build();
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = model.forward(m.ones(new Shape(4, 2, 5, 5)));
            assertThat(out.getShape()).isEqualTo(new Shape(4, 3));
        }
    }

    @Test
    void blockThatDoesNotClassifyIsRejected() {
        SequentialBlock flat = new SequentialBlock().add(Blocks.batchFlattenBlock());
        assertThatThrownBy(() -> BlockModel.builder(flat, 1, 1, 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1, 1)");
    }
}
