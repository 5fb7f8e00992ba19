package dev.sensiprint.testing;

import java.util.SplittableRandom;

/**
 * A linear classifier over a C×H×W input: out[j] = b[j] + sum_i W[j][i] x[i], accumulated in double
 * and rounded to float32. Two instances with the same seed are the same model; another seed is "a
 * different model".
 */
public final class FakeModel {

    private final int inputSize;
    private final int classes;
    private final double[][] w;
    private final double[] b;

    public FakeModel(long seed, int inputSize, int classes) {
        this.inputSize = inputSize;
        this.classes = classes;
        SplittableRandom r = new SplittableRandom(seed);
        w = new double[classes][inputSize];
        b = new double[classes];
        for (int j = 0; j < classes; j++) {
            for (int i = 0; i < inputSize; i++) {
                w[j][i] = r.nextDouble(-1, 1);
            }
            b[j] = r.nextDouble(-0.5, 0.5);
        }
    }

    public int classes() {
        return classes;
    }

    /** The output for a channels-first input. */
    public float[] apply(float[] chw) {
        if (chw.length != inputSize) {
            throw new IllegalArgumentException(
                    "input has " + chw.length + " values, model takes " + inputSize);
        }
        float[] out = new float[classes];
        for (int j = 0; j < classes; j++) {
            double acc = b[j];
            for (int i = 0; i < inputSize; i++) {
                acc += w[j][i] * chw[i];
            }
            out[j] = (float) acc;
        }
        return out;
    }
}
