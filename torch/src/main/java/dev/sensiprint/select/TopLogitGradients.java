package dev.sensiprint.select;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * d z_c / d W for the top class c of one sample: for a linear layer z = W h + b its rows are
 * multiples of the layer's input h, which is how the activation captures read neurons without
 * forward hooks. The top class, because for a model ending in a softmax its probability is the
 * least likely to be saturated at 0, where the gradient would vanish along with the pattern.
 *
 * @param topClass c
 * @param gradients one per weight asked for, attached to the call's manager
 */
record TopLogitGradients(int topClass, List<NDArray> gradients) {

    /**
     * Runs one forward and one backward pass in a call of its own (a sub-manager of the model's, a
     * scope, a gradient collector) and hands the gradients to {@code reader} before the call's
     * arrays are freed.
     */
    static <R> R read(
            DifferentiableModel model,
            Autograd autograd,
            FloatTensor x,
            List<NDArray> weights,
            Function<TopLogitGradients, R> reader) {
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.pytorch().newGradientCollector()) {
            return reader.apply(of(model, autograd, call, x, weights));
        }
    }

    private static TopLogitGradients of(
            DifferentiableModel model,
            Autograd autograd,
            NDManager call,
            FloatTensor x,
            List<NDArray> weights) {
        long[] shape = IntStream.of(x.shape()).asLongStream().toArray();
        NDArray input =
                call.create(x.data(), new Shape(shape))
                        .toType(weights.get(0).getDataType(), false)
                        .expandDims(0);
        NDArray out = model.forward(input);
        int c = Outputs.argmax(out.toType(DataType.FLOAT32, false).toFloatArray());
        return new TopLogitGradients(
                c, autograd.grad(call, List.of(out.get(0, c)), weights, false));
    }
}
