package dev.sensiprint.sensitivity;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.generate.MarginProbe;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The top-1 margin m(x) = z_label(x) − max_{j≠label} z_j(x) in the model's output space and its
 * exact input gradient (one first-order backward pass). It is what a label-only verifier sees flip:
 * m changes sign exactly when the top-1 label does (method.md §7).
 */
public final class MarginObjective implements MarginProbe, AutoCloseable {

    private final DifferentiableModel model;
    private final DataType dataType;
    private final Autograd autograd;

    private MarginObjective(DifferentiableModel model) {
        this.model = model;
        this.dataType = model.weights().get(0).array().getDataType();
        this.autograd = Autograd.load(model.manager());
    }

    /** The margin of {@code model}, which stays owned by the caller. */
    public static MarginObjective create(DifferentiableModel model) {
        return new MarginObjective(model);
    }

    @Override
    public Reading read(FloatTensor x, int label) {
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope();
                GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray leaf =
                    call.create(
                                    x.data(),
                                    new Shape(IntStream.of(x.shape()).asLongStream().toArray()))
                            .toType(dataType, false);
            leaf.setRequiresGradient(true);
            NDArray out = model.forward(leaf.expandDims(0)).get(0);
            float[] values = out.toType(DataType.FLOAT32, false).toFloatArray();
            if (label < 0 || label >= values.length) {
                throw new IllegalArgumentException(
                        "label " + label + " outside 0.." + (values.length - 1));
            }
            // The runner-up at x: max over j ≠ label is differentiable almost everywhere, with
            // the gradient of the arg-max.
            int rival = -1;
            for (int j = 0; j < values.length; j++) {
                if (j != label && (rival < 0 || values[j] > values[rival])) {
                    rival = j;
                }
            }
            NDArray m = out.get(label).sub(out.get(rival));
            NDArray g = autograd.grad(call, List.of(m), List.of(leaf), false).get(0);
            return new Reading(
                    (double) values[label] - values[rival],
                    new FloatTensor(x.shape(), g.toType(DataType.FLOAT32, false).toFloatArray()),
                    new FloatTensor(new int[] {values.length}, values));
        }
    }

    @Override
    public void close() {
        autograd.close();
    }
}
