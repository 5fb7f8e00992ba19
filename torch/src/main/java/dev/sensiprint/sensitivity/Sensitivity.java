package dev.sensiprint.sensitivity;

import ai.djl.ndarray.NDArray;

/**
 * S(x) and its gradient with respect to the pixels for one sample, with the model's output there.
 *
 * <p>Both arrays live until the input's manager closes, or until {@link #close()}: a loop that
 * keeps one input should close each result.
 *
 * @param value S(x) = ||dF/dW||²_F / |W|
 * @param gradient grad_x S, shape of the input (C×H×W), in the model's data type, attached to the
 *     input's manager
 * @param output the model's output vector at x (logits or probabilities, length = classes),
 *     detached from the graph, attached to the input's manager
 */
public record Sensitivity(double value, NDArray gradient, NDArray output) implements AutoCloseable {

    /** Frees the gradient and the output. */
    @Override
    public void close() {
        gradient.close();
        output.close();
    }
}
