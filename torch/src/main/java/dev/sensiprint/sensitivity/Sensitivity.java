package dev.sensiprint.sensitivity;

import ai.djl.ndarray.NDArray;

/**
 * S(x) and its gradient with respect to the pixels for one sample, with the model's output there.
 *
 * @param value S(x) = ||dF/dW||²_F / |W|
 * @param gradient grad_x S, shape of the input (C×H×W), in the model's data type, attached to the
 *     input's manager (the caller closes it)
 * @param output the model's output vector at x (logits or probabilities, length = classes),
 *     detached from the graph, attached to the input's manager
 */
public record Sensitivity(double value, NDArray gradient, NDArray output) {}
