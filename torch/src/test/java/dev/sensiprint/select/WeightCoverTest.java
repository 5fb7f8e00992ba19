package dev.sensiprint.select;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.model.BlockModel;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedModels;
import dev.sensiprint.testing.TestNetworks;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightCoverTest {

    private static final int[] SMALL_SHAPE = {1, 6, 6};

    /** TestNetworks.mlp's tensors in weights() order: W1 [16, 36], b1, W2 [10, 16], b2. */
    private static final int W1 = 0;

    private static final int B1 = 1;
    private static final int W2 = 2;

    private static long weightCount(DifferentiableModel model) {
        return model.weights().stream().mapToLong(Weight::size).sum();
    }

    /** Pixels 0..35 at 0.1..0.9, with the first {@code black} of them 0. */
    private static FloatTensor image(int black) {
        float[] x = new float[36];
        for (int j = black; j < x.length; j++) {
            x[j] = 0.1f + 0.8f * j / x.length;
        }
        return new FloatTensor(SMALL_SHAPE, x);
    }

    @Test
    void countsOneUnitPerValueOfEveryWeightTensor() throws Exception {
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                WeightCover cover = WeightCover.of(mlp)) {
            List<Weight> w = mlp.weights();
            assertThat(w).extracting(Weight::size).containsExactly(16L * 36, 16L, 10L * 16, 10L);
            assertThat(cover.neuronCount()).isEqualTo(36 * 16 + 16 + 16 * 10 + 10);
        }
    }

    @Test
    void coverLayersAllOpensTheWeightCover() throws Exception {
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                NeuronActivations all = CoverLayers.parse(" ALL ").open(mlp)) {
            assertThat(all).isInstanceOf(WeightCover.class);
        }
    }

    @Test
    void aDeadReluUnitsIncomingAndOutgoingWeightsAreInactive() throws Exception {
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                WeightCover cover = WeightCover.of(mlp)) {
            WeightSet values = LiveWeights.read(mlp.weights());
            int dead = 5;
            // A bias this negative keeps unit 5 below zero for any input in [0, 1].
            values.set(values.offset(B1) + dead, -1e3f);
            LiveWeights.write(values, mlp.weights());

            BitSet active = cover.active(image(0));

            for (int j = 0; j < 36; j++) {
                assertThat(active.get(values.offset(W1) + dead * 36 + j))
                        .as("W1[5, %d]", j)
                        .isFalse();
            }
            assertThat(active.get(values.offset(B1) + dead)).isFalse();
            for (int i = 0; i < 10; i++) {
                assertThat(active.get(values.offset(W2) + i * 16 + dead))
                        .as("W2[%d, 5]", i)
                        .isFalse();
            }
            // The rest of the first layer is alive: some other unit's weights are active.
            assertThat(active.get(values.offset(W1), values.offset(B1)).cardinality()).isPositive();
        }
    }

    @Test
    void blackPixelsWeightsAreInactiveAndLitPixelsWeightsActiveInTheSameRow() throws Exception {
        try (BlockModel mlp = TestNetworks.mlp(DataType.FLOAT32, 3L);
                WeightCover cover = WeightCover.of(mlp)) {
            int black = 12;
            BitSet active = cover.active(image(black));

            int liveRows = 0;
            for (int i = 0; i < 16; i++) {
                BitSet row = active.get(i * 36, (i + 1) * 36);
                assertThat(row.get(0, black).isEmpty()).as("row %d", i).isTrue();
                if (!row.isEmpty()) {
                    liveRows++;
                    // dF/dW1[i,j] = δ_i x_j: the pixels are lit alike, so a live row is all lit.
                    assertThat(row.get(black, 36).cardinality())
                            .as("row %d", i)
                            .isEqualTo(36 - black);
                }
            }
            assertThat(liveRows).isPositive();
        }
    }

    @Test
    void onTheMlpTwoImagesActivateDifferentWeightsAndBlackPixelsNone() throws Exception {
        try (DifferentiableModel model = SharedModels.mnistMlp();
                WeightCover cover = WeightCover.of(model)) {
            assertThat(cover.neuronCount()).isEqualTo(8180).isEqualTo(weightCount(model));
            float[] pixels = SharedModels.mnistTest(0);
            BitSet a = cover.active(new FloatTensor(new int[] {1, 28, 28}, pixels));
            BitSet b =
                    cover.active(new FloatTensor(new int[] {1, 28, 28}, SharedModels.mnistTest(1)));

            assertThat(a).isNotEqualTo(b);
            assertThat(a.cardinality()).isPositive();
            // fc1.weight is [10, 784]: column j reads pixel j.
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 784; j++) {
                    if (pixels[j] == 0) {
                        assertThat(a.get(i * 784 + j)).as("fc1[%d, %d]", i, j).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void theConvolutionsOfACnnContributeActiveWeights() throws Exception {
        try (DifferentiableModel model = SharedModels.mnistConvnet();
                WeightCover cover = WeightCover.of(model)) {
            assertThat((long) cover.neuronCount()).isEqualTo(weightCount(model));
            BitSet active =
                    cover.active(new FloatTensor(new int[] {1, 28, 28}, SharedModels.mnistTest(0)));
            assertThat(activeIn(model, active, 4)).isPositive();
        }
    }

    @Test
    void coversResNet20sConvolutionsValueByValue() throws Exception {
        try (DifferentiableModel model = SharedModels.resnet20();
                WeightCover cover = WeightCover.of(model)) {
            // ../shared/models/README.md: 269,722 parameters.
            assertThat(cover.neuronCount()).isEqualTo(269_722);
            BitSet active =
                    cover.active(new FloatTensor(new int[] {3, 32, 32}, SharedModels.cifarTest(0)));
            long convValues =
                    model.weights().stream()
                            .filter(w -> w.array().getShape().dimension() == 4)
                            .mapToLong(Weight::size)
                            .sum();
            assertThat(activeIn(model, active, 4)).isPositive().isLessThanOrEqualTo(convValues);
        }
    }

    /** Active units that belong to tensors of {@code rank} dimensions (4: convolution kernels). */
    private static long activeIn(DifferentiableModel model, BitSet active, int rank) {
        long n = 0;
        int offset = 0;
        for (Weight w : model.weights()) {
            int size = (int) w.size();
            if (w.array().getShape().dimension() == rank) {
                n += active.get(offset, offset + size).cardinality();
            }
            offset += size;
        }
        return n;
    }
}
