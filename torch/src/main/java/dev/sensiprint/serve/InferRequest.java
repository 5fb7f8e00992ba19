package dev.sensiprint.serve;

import dev.sensiprint.tensor.FloatTensor;

/**
 * An inference request that passed every check: one input tensor of shape N × (the model's input
 * shape), N within the batch limit.
 *
 * @param id the request's {@code id}, echoed in the response, or null
 * @param pixels the batch, always with its batch dimension
 */
record InferRequest(String id, FloatTensor pixels) {

    int batch() {
        return pixels.shape()[0];
    }
}
