package dev.sensiprint.attack;

import java.math.BigDecimal;
import java.util.random.RandomGenerator;

/** Random choices over W shared by the attacks, and number formatting for their specs. */
final class WeightPicks {

    private WeightPicks() {}

    /**
     * A uniformly random value of W that is not zero (a zero weight is skipped because scaling it
     * changes nothing): equivalently, a tensor chosen with probability proportional to its count of
     * nonzero values, then a nonzero index in it.
     *
     * @return the global index
     * @throws IllegalStateException if every weight is zero
     */
    static int randomNonzero(WeightSet weights, RandomGenerator random) {
        int nonzero = 0;
        for (WeightValues w : weights.tensors()) {
            for (float v : w.values()) {
                if (v != 0) {
                    nonzero++;
                }
            }
        }
        if (nonzero == 0) {
            throw new IllegalStateException("every weight is zero; there is no weight to change");
        }
        int target = random.nextInt(nonzero);
        int global = 0;
        for (WeightValues w : weights.tensors()) {
            for (float v : w.values()) {
                if (v != 0 && target-- == 0) {
                    return global;
                }
                global++;
            }
        }
        throw new AssertionError("unreachable: nonzero count changed");
    }

    /**
     * Exactly {@code k} distinct indices of {@code 0..n-1}, uniformly, in increasing order
     * (selection sampling, Knuth's Algorithm S: one draw per index, no extra memory).
     */
    static int[] sample(int n, int k, RandomGenerator random) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot pick " + k + " of " + n);
        }
        int[] picked = new int[k];
        int chosen = 0;
        for (int i = 0; i < n && chosen < k; i++) {
            if (random.nextDouble() * (n - i) < k - chosen) {
                picked[chosen++] = i;
            }
        }
        return picked;
    }

    /** {@code round(fraction × n)}, halves up. */
    static int roundedCount(double fraction, int n) {
        return (int) Math.round(fraction * n);
    }

    /** A parameter value as written in a spec: {@code 5}, {@code 0.001}, {@code 1.1}. */
    static String format(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
