package dev.sensiprint.attack;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Adds Gaussian noise of r × (the tensor's weight std) to a random fraction q of the weights
 * (method.md §6, attack 6).
 *
 * <p>Exactly {@code round(q × |W|)} values are chosen uniformly over all of W (so each tensor gets
 * about q of its values); each gets {@code r·σ_t·z}, z standard normal, σ_t the population standard
 * deviation of its tensor before the attack. A one-value tensor has σ = 0 and is therefore never
 * changed; a change below half an ulp of the weight is lost in float32, so the count of changed
 * values can be slightly below the count chosen.
 *
 * @param relativeStd r, positive
 * @param fraction q, in (0, 1]
 */
public record GaussianNoise(double relativeStd, double fraction) implements Attack {

    public GaussianNoise {
        if (!(relativeStd > 0) || !Double.isFinite(relativeStd)) {
            throw new IllegalArgumentException("r must be a positive number, got " + relativeStd);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("q must be a fraction in (0, 1], got " + fraction);
        }
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public String spec() {
        return "noise:r=" + WeightPicks.format(relativeStd) + ",q=" + WeightPicks.format(fraction);
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        return TamperReport.measure(spec(), weights, () -> addNoise(weights, random));
    }

    private String addNoise(WeightSet weights, RandomGenerator random) {
        double[] sigma = new double[weights.tensorCount()];
        for (int t = 0; t < sigma.length; t++) {
            sigma[t] = populationStd(weights.tensor(t).values());
        }
        int n = weights.totalValues();
        int[] chosen = WeightPicks.sample(n, WeightPicks.roundedCount(fraction, n), random);
        for (int global : chosen) {
            int t = weights.tensorOf(global);
            float[] v = weights.tensor(t).values();
            int i = global - weights.offset(t);
            v[i] = (float) (v[i] + relativeStd * sigma[t] * random.nextGaussian());
        }
        return String.format(
                Locale.ROOT,
                "Gaussian noise of %s x tensor std on %d of %d weights",
                WeightPicks.format(relativeStd),
                chosen.length,
                n);
    }

    static double populationStd(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double ss = 0;
        for (float v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / values.length);
    }
}
