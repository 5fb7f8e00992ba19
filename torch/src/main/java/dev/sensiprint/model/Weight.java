package dev.sensiprint.model;

import ai.djl.ndarray.NDArray;

/**
 * One weight tensor under test: a trainable floating-point parameter of the model.
 *
 * @param name the parameter's name in the model, e.g. {@code linear.weight}
 * @param array the live tensor (not a copy): changing it changes the model
 */
public record Weight(String name, NDArray array) {

    public long size() {
        return array.size();
    }
}
