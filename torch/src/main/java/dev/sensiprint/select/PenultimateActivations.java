package dev.sensiprint.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import java.util.BitSet;
import java.util.List;

/**
 * The penultimate layer's active neurons, the default layer of MANC (method.md §4), without forward
 * hooks (TorchScript modules accept none): for a final linear layer z = W h + b, the gradient of
 * logit z_c with respect to row c of W is h itself. The penultimate activations are post-ReLU (or
 * pooled post-ReLU) values, so a neuron is active when its h is > 0.
 */
public final class PenultimateActivations implements NeuronActivations {

    private final DifferentiableModel model;
    private final Weight lastWeight;
    private final Autograd autograd;

    private PenultimateActivations(DifferentiableModel model, Weight lastWeight) {
        this.model = model;
        this.lastWeight = lastWeight;
        this.autograd = Autograd.load(model.manager());
    }

    /**
     * Activations of the input of {@code model}'s final linear layer.
     *
     * @throws dev.sensiprint.error.BadInputException when the model has no final linear layer
     */
    public static PenultimateActivations of(DifferentiableModel model) {
        List<Weight> last =
                WeightSelection.lastLayer().select(model.weights(), model.info().numClasses());
        return new PenultimateActivations(model, last.get(0));
    }

    /** How many neurons the penultimate layer has. */
    @Override
    public int neuronCount() {
        return Math.toIntExact(lastWeight.array().getShape().get(1));
    }

    /** The penultimate neurons with h > 0 on one sample x (shape = the model's input shape). */
    @Override
    public BitSet active(FloatTensor x) {
        return TopLogitGradients.read(
                model,
                autograd,
                x,
                List.of(lastWeight.array()),
                t -> {
                    NDArray grad = t.gradients().get(0);
                    float[] h =
                            grad.get(t.topClass()).toType(DataType.FLOAT32, false).toFloatArray();
                    BitSet active = new BitSet(h.length);
                    for (int i = 0; i < h.length; i++) {
                        if (h[i] > 0) {
                            active.set(i);
                        }
                    }
                    return active;
                });
    }

    @Override
    public void close() {
        autograd.close();
    }
}
