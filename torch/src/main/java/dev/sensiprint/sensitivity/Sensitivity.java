package dev.sensiprint.sensitivity;

import ai.djl.ndarray.NDArray;

/**
 * S(x) and its gradient with respect to the pixels for one sample.
 *
 * @param value S(x) = ||dF/dW||²_F / |W|
 * @param gradient grad_x S, shape of the input (C×H×W), in the model's data type, attached to the
 *     input's manager (the caller closes it)
 */
public record Sensitivity(double value, NDArray gradient) {}
