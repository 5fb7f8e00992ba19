package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;
import java.util.Locale;

/** Checks and arithmetic shared by the comparators. */
final class Outputs {

    private Outputs() {}

    /**
     * Why {@code received} cannot be compared with the sample's expected output at all, or null
     * when it can.
     *
     * <p>A vector of the wrong length is not comparable, not a difference: a model swapped for
     * another of the same task answers with the right length and is caught as TAMPERED; a wrong
     * length means a malformed answer, the wrong output tensor, or a model of another task behind a
     * misconfigured route, which we cannot tell apart from a server fault. Either way the verdict
     * is not INTACT.
     */
    static Comparison.NotComparable precheck(FingerprintSample sample, FloatTensor received) {
        if (received == null) {
            return new Comparison.NotComparable("no output");
        }
        int k = sample.expected().size();
        if (received.rank() != 1) {
            return new Comparison.NotComparable(
                    "answered shape " + Arrays.toString(received.shape()) + ", expected a vector");
        }
        if (received.size() != k) {
            return new Comparison.NotComparable(
                    "answered "
                            + received.size()
                            + " values, the fingerprint has "
                            + k
                            + " (malformed answer or another task's model)");
        }
        int bad = firstNonFinite(received.data());
        if (bad >= 0) {
            return new Comparison.NotComparable(
                    "answer holds " + received.data()[bad] + " at class " + bad);
        }
        bad = firstNonFinite(sample.expected().data());
        if (bad >= 0) {
            return new Comparison.NotComparable(
                    "expected output holds " + sample.expected().data()[bad] + " at class " + bad);
        }
        return null;
    }

    private static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Class indices by decreasing value; ties keep index order. */
    static int[] order(float[] v) {
        return java.util.stream.IntStream.range(0, v.length)
                .boxed()
                .sorted((a, b) -> Float.compare(v[b], v[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * True when the vector reads as a probability distribution: every value in [0, 1] and the sum
     * within 1e-3 of 1 (float32 rounding over a thousand classes stays far below that).
     */
    static boolean isDistribution(float[] v) {
        double sum = 0;
        for (float x : v) {
            if (x < -1e-6f || x > 1 + 1e-6f) {
                return false;
            }
            sum += x;
        }
        return Math.abs(sum - 1) <= 1e-3;
    }

    /** Softmax in double, shifted by the maximum so that no exponent overflows. */
    static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : z) {
            max = Math.max(max, x);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
