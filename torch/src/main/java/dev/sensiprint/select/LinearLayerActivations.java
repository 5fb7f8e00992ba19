package dev.sensiprint.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The active neurons at the input of every fully connected layer that does not read the image
 * itself: MANC over more than the penultimate layer, without forward hooks (TorchScript modules
 * accept none). For a layer z = W h + b, row i of d z_c / d W is δ_i h, with δ_i = d z_c / d z_i; h
 * is a post-ReLU activation, so in any row with δ_i ≠ 0 the non-zero entries are exactly the active
 * neurons. One backward pass gives every layer's rows.
 *
 * <p>Convolutional layers are not covered: the gradient of a kernel sums over positions and does
 * not show which units fired. On a model whose only fully connected layer is the last one this is
 * {@link PenultimateActivations}.
 */
public final class LinearLayerActivations implements NeuronActivations {

    private final DifferentiableModel model;
    private final List<Weight> layers;
    private final int[] offsets;
    private final int neurons;
    private final Autograd autograd;

    private LinearLayerActivations(DifferentiableModel model, List<Weight> layers) {
        this.model = model;
        this.layers = List.copyOf(layers);
        this.offsets = new int[layers.size()];
        int n = 0;
        for (int l = 0; l < layers.size(); l++) {
            offsets[l] = n;
            n += Math.toIntExact(layers.get(l).array().getShape().get(1));
        }
        this.neurons = n;
        this.autograd = Autograd.load(model.manager());
    }

    /**
     * Every 2-D weight (a fully connected layer) whose input is not the flattened image.
     *
     * @throws BadInputException when the model has no such layer
     */
    public static LinearLayerActivations of(DifferentiableModel model) {
        long pixels = 1;
        for (int d : model.info().inputShape()) {
            pixels *= d;
        }
        List<Weight> layers = new ArrayList<>();
        for (Weight w : model.weights()) {
            long[] s = w.array().getShape().getShape();
            if (s.length == 2 && s[1] != pixels) {
                layers.add(w);
            }
        }
        if (layers.isEmpty()) {
            throw new BadInputException(
                    "the model has no fully connected layer after its input to cover");
        }
        return new LinearLayerActivations(model, layers);
    }

    @Override
    public int neuronCount() {
        return neurons;
    }

    @Override
    public BitSet active(FloatTensor x) {
        return TopLogitGradients.read(
                model,
                autograd,
                x,
                layers.stream().map(Weight::array).toList(),
                t -> {
                    BitSet active = new BitSet(neurons);
                    for (int l = 0; l < layers.size(); l++) {
                        markActive(t.gradients().get(l), offsets[l], active);
                    }
                    return active;
                });
    }

    /** Sets the non-zero entries of the gradient's strongest row (largest |δ_i|). */
    private static void markActive(NDArray grad, int offset, BitSet active) {
        long[] s = grad.getShape().getShape();
        int rows = Math.toIntExact(s[0]);
        int cols = Math.toIntExact(s[1]);
        float[] g = grad.toType(DataType.FLOAT32, false).toFloatArray();
        int best = -1;
        double bestNorm = 0;
        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (int j = 0; j < cols; j++) {
                norm += Math.abs(g[i * cols + j]);
            }
            if (norm > bestNorm) {
                bestNorm = norm;
                best = i;
            }
        }
        if (best < 0) {
            return; // z_c does not depend on this layer here: nothing to read
        }
        for (int j = 0; j < cols; j++) {
            if (g[best * cols + j] != 0) {
                active.set(offset + j);
            }
        }
    }

    @Override
    public void close() {
        autograd.close();
    }
}
