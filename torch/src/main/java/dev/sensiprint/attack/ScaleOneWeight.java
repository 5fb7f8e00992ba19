package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * Multiplies one random nonzero weight by a factor, +10 % by default (method.md §6, attack 7). The
 * weight is uniform over the nonzero values of W: a tensor weighted by its size, then an index in
 * it, zeros skipped because scaling them changes nothing.
 *
 * @param factor the multiplier, finite and not 1
 */
public record ScaleOneWeight(double factor) implements Attack {

    /** The method's "+10 %". */
    public static final double DEFAULT_FACTOR = 1.1;

    public ScaleOneWeight {
        if (!Double.isFinite(factor) || factor == 1) {
            throw new IllegalArgumentException(
                    "f must be a finite factor other than 1, got " + factor);
        }
    }

    @Override
    public String name() {
        return "scale-one";
    }

    @Override
    public String spec() {
        return "scale-one:f=" + WeightPicks.format(factor);
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        return TamperReport.measure(
                spec(),
                weights,
                () -> {
                    int global = WeightPicks.randomNonzero(weights, random);
                    float before = weights.get(global);
                    float after = (float) (before * factor);
                    weights.set(global, after);
                    return weights.element(global)
                            + ": "
                            + before
                            + " -> "
                            + after
                            + " (x "
                            + WeightPicks.format(factor)
                            + ")";
                });
    }
}
