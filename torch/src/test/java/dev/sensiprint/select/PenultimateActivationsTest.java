package dev.sensiprint.select;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.Weight;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradient route to the penultimate activations, checked against a forward pass computed by
 * hand from the weights of the real MLP (784-10-10-10-10 with ReLU).
 */
class PenultimateActivationsTest {

    private static float[] dense(Weight w, Weight b, float[] x, boolean relu) {
        long[] shape = w.array().getShape().getShape();
        float[] wv = w.array().toType(DataType.FLOAT32, false).toFloatArray();
        float[] bv = b.array().toType(DataType.FLOAT32, false).toFloatArray();
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = bv[r];
            for (int c = 0; c < cols; c++) {
                s += (double) wv[r * cols + c] * x[c];
            }
            y[r] = relu ? (float) Math.max(0, s) : (float) s;
        }
        return y;
    }

    @Test
    void activeNeuronsOfTheMlpMatchAForwardPassByHand() {
        ModelSpec spec = ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28);
        ImageDataset images = Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), 20);
        try (DifferentiableModel model = ModelLoader.forGradients(spec);
                PenultimateActivations activations = PenultimateActivations.of(model)) {
            List<Weight> w = model.weights();
            assertThat(w).hasSize(8);
            assertThat(activations.neuronCount()).isEqualTo(10);
            int differentPatterns = 0;
            BitSet previous = null;
            for (int i = 0; i < images.size(); i++) {
                FloatTensor x = images.get(i).image();
                float[] h = x.data();
                for (int layer = 0; layer < 3; layer++) {
                    h = dense(w.get(2 * layer), w.get(2 * layer + 1), h, true);
                }
                BitSet expected = new BitSet();
                for (int j = 0; j < h.length; j++) {
                    if (h[j] > 0) {
                        expected.set(j);
                    }
                }
                BitSet got = activations.active(x);
                assertThat(got).as("image %d", i).isEqualTo(expected);
                differentPatterns += got.equals(previous) ? 0 : 1;
                previous = got;
            }
            // The check means something only if the patterns vary across images.
            assertThat(differentPatterns).isGreaterThan(3);
        }
    }
}
