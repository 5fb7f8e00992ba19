package dev.sensiprint.generate;

import dev.sensiprint.tensor.FloatTensor;

/** The top-1 margin of a fixed label at a point x, with its input gradient and the output. */
public interface MarginProbe {

    /**
     * m(x) = out_label(x) − max_{j≠label} out_j(x); negative when another class wins.
     *
     * @param x one sample, the model's input shape
     * @param label the class whose margin is measured
     */
    Reading read(FloatTensor x, int label);

    /**
     * One evaluation.
     *
     * @param margin m(x)
     * @param gradient dm/dx, shape of x
     * @param output the model's output vector at x
     */
    record Reading(double margin, FloatTensor gradient, FloatTensor output) {}
}
