package dev.sensiprint.stats;

import java.util.Arrays;

/** The median of a set of figures, as the reports quote them. */
public final class Median {

    private Median() {}

    /**
     * The median of the values that are not NaN (the mean of the middle two for an even count); NaN
     * when there are none. NaN marks a figure that does not exist for a sample, e.g. the PSNR of a
     * sample with no seed, so it is left out rather than sorted in.
     */
    public static double of(double... values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
