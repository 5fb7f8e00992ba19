package dev.sensiprint.generate;

import dev.sensiprint.tensor.FloatTensor;

/**
 * What the generator asks of the model at a point x: the sensitivity S(x), its gradient with
 * respect to the pixels, and the model's output there. The class set and the weights W are fixed by
 * whoever built the probe, from the seed image.
 */
public interface SensitivityProbe {

    /** S(x), grad_x S and the output vector at one sample x (shape = the model's input shape). */
    Probe probe(FloatTensor x);

    /**
     * One evaluation.
     *
     * @param sensitivity S(x) >= 0
     * @param gradient grad_x S, shape of x
     * @param output the model's output vector at x
     */
    record Probe(double sensitivity, FloatTensor gradient, FloatTensor output) {}
}
