package dev.sensiprint.generate;

import dev.sensiprint.tensor.FloatTensor;

/**
 * Projects a displacement from the seed onto the closeness ball and the pixel range: the set every
 * sample must stay in (method.md §3). The set is convex, so a segment between two of its points
 * stays in it.
 */
final class BallProjection {

    private final Ball ball;
    private final double eps;
    private final float valueMin;
    private final float valueMax;

    BallProjection(Ball ball, double eps, float valueMin, float valueMax) {
        this.ball = ball;
        this.eps = eps;
        this.valueMin = valueMin;
        this.valueMax = valueMax;
    }

    static BallProjection of(GeneratorSettings s) {
        return new BallProjection(s.ball(), s.eps(), s.valueMin(), s.valueMax());
    }

    /** seed + d, with d shrunk into the ball and the result clipped to the pixel range. */
    FloatTensor project(FloatTensor seed, double[] d) {
        float[] x0 = seed.data();
        if (ball == Ball.RMS) {
            double sum = 0;
            for (double di : d) {
                sum += di * di;
            }
            double rms = Math.sqrt(sum / d.length);
            if (rms > eps) {
                double scale = eps / rms;
                for (int i = 0; i < d.length; i++) {
                    d[i] *= scale;
                }
            }
        }
        float[] out = new float[x0.length];
        for (int i = 0; i < x0.length; i++) {
            double di = d[i];
            if (ball == Ball.LINF) {
                di = Math.max(-eps, Math.min(eps, di));
            }
            // Clipping to the range only shrinks |d|, so the ball constraint still holds after it.
            out[i] = clamp(x0[i] + di);
        }
        return new FloatTensor(seed.shape(), out);
    }

    float clamp(double value) {
        return (float) Math.max(valueMin, Math.min(valueMax, value));
    }
}
