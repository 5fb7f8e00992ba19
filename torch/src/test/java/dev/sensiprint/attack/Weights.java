package dev.sensiprint.attack;

import java.util.List;
import java.util.Random;

/** Synthetic weight sets for attack tests, and the differences between two of them. */
final class Weights {

    private Weights() {}

    /**
     * Three tensors shaped like a small layer: a 20×50 weight (std 0.1, with 5 exact zeros), a bias
     * of 20 (std 0.01) and a one-value tensor.
     */
    static WeightSet layer(long seed) {
        Random r = new Random(seed);
        float[] w = gaussian(r, 1000, 0.1);
        for (int i = 0; i < 5; i++) {
            w[i * 97] = 0f;
        }
        return new WeightSet(
                List.of(
                        new WeightValues("fc.weight", new int[] {20, 50}, w),
                        new WeightValues("fc.bias", new int[] {20}, gaussian(r, 20, 0.01)),
                        new WeightValues("scale", new int[] {1}, new float[] {1.5f})));
    }

    /** One tensor with the given values. */
    static WeightSet of(float... values) {
        return new WeightSet(
                List.of(new WeightValues("w", new int[] {values.length}, values.clone())));
    }

    static float[] gaussian(Random r, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * std);
        }
        return v;
    }

    /** Global indices whose bit patterns differ. */
    static int[] changed(WeightSet before, WeightSet after) {
        return java.util.stream.IntStream.range(0, before.totalValues())
                .filter(
                        i ->
                                Float.floatToRawIntBits(before.get(i))
                                        != Float.floatToRawIntBits(after.get(i)))
                .toArray();
    }
}
