package dev.sensiprint.select;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedModels;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class LinearLayerActivationsTest {

    @Test
    void coversEveryHiddenLayerOfTheMlpAndAgreesWithThePenultimateOne() throws Exception {
        // mnist_mlp_clean is 784-10-10-10-10: three hidden layers of 10 feed a linear layer each.
        try (DifferentiableModel model = SharedModels.mnistMlp();
                LinearLayerActivations all = LinearLayerActivations.of(model);
                PenultimateActivations last = PenultimateActivations.of(model)) {
            assertThat(all.neuronCount()).isEqualTo(30);
            int differentPatterns = 0;
            BitSet previous = null;
            for (int i = 0; i < 10; i++) {
                FloatTensor x = new FloatTensor(new int[] {1, 28, 28}, SharedModels.mnistTest(i));
                BitSet a = all.active(x);
                BitSet p = last.active(x);
                assertThat(a.get(20, 30)).as("image %d", i).isEqualTo(p);
                assertThat(a.get(0, 20).cardinality()).as("image %d", i).isPositive();
                if (!a.equals(previous)) {
                    differentPatterns++;
                }
                previous = a;
            }
            // Different digits light different neurons: the capture is not a constant.
            assertThat(differentPatterns).isGreaterThan(1);
        }
    }

    @Test
    void onAModelWhoseOnlyLinearLayerIsTheLastItIsThePenultimateLayer() throws Exception {
        try (DifferentiableModel model = SharedModels.resnet20();
                LinearLayerActivations all = LinearLayerActivations.of(model);
                PenultimateActivations last = PenultimateActivations.of(model)) {
            assertThat(all.neuronCount()).isEqualTo(last.neuronCount());
            FloatTensor x = new FloatTensor(new int[] {3, 32, 32}, SharedModels.cifarTest(0));
            assertThat(all.active(x)).isEqualTo(last.active(x));
        }
    }
}
