package dev.sensiprint.attack;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Zeroes the p % smallest-magnitude weights (method.md §6, attack 4).
 *
 * <p>{@link Scope#GLOBAL} (the default, the method's literal reading and the common pruning
 * baseline) ranks all of W together and zeroes {@code round(p/100 × |W|)} values, so tensors of
 * small weights (often biases) lose more; {@link Scope#TENSOR} zeroes {@code round(p/100 × n)} in
 * each tensor of n values. Ties in |w| are broken by the global index (model order, then
 * row-major), so the result is deterministic and the seed is not used. Values that are already zero
 * count among the smallest, so the number of changed values can be below the pruned count. NaN
 * ranks above every number.
 *
 * @param percent p, in (0, 100]
 * @param scope where the ranking is done
 */
public record MagnitudePruning(double percent, Scope scope) implements Attack {

    /** Where the p % are counted. */
    public enum Scope {
        GLOBAL,
        TENSOR;

        String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MagnitudePruning {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException(
                    "p must be a percentage in (0, 100], got " + percent);
        }
        if (scope == null) {
            throw new IllegalArgumentException("scope must be given");
        }
    }

    @Override
    public String name() {
        return "prune";
    }

    @Override
    public String spec() {
        return "prune:p=" + WeightPicks.format(percent) + ",scope=" + scope.specName();
    }

    @Override
    public boolean randomised() {
        return false;
    }

    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        return TamperReport.measure(spec(), weights, () -> prune(weights));
    }

    private String prune(WeightSet weights) {
        int pruned = 0;
        if (scope == Scope.GLOBAL) {
            long[] keys = new long[weights.totalValues()];
            for (int t = 0; t < weights.tensorCount(); t++) {
                fillKeys(weights.tensor(t).values(), weights.offset(t), keys, weights.offset(t));
            }
            pruned =
                    zeroSmallest(
                            weights, keys, WeightPicks.roundedCount(percent / 100, keys.length));
        } else {
            for (int t = 0; t < weights.tensorCount(); t++) {
                float[] v = weights.tensor(t).values();
                long[] keys = new long[v.length];
                fillKeys(v, weights.offset(t), keys, 0);
                pruned +=
                        zeroSmallest(
                                weights, keys, WeightPicks.roundedCount(percent / 100, v.length));
            }
        }
        return String.format(
                Locale.ROOT,
                "zeroed the %d smallest-magnitude of %d weights (%s%% %s)",
                pruned,
                weights.totalValues(),
                WeightPicks.format(percent),
                scope == Scope.GLOBAL ? "of all W" : "of each tensor");
    }

    /**
     * Sort keys: the magnitude's bit pattern (monotone in |w| for non-negative floats, NaN last) in
     * the high word, the global index in the low word as the tie-break.
     */
    private static void fillKeys(float[] values, int offset, long[] keys, int base) {
        for (int i = 0; i < values.length; i++) {
            long magnitude = Float.floatToRawIntBits(values[i]) & 0x7fffffffL;
            keys[base + i] = magnitude << 32 | (offset + i);
        }
    }

    private static int zeroSmallest(WeightSet weights, long[] keys, int k) {
        Arrays.sort(keys);
        for (int j = 0; j < k; j++) {
            weights.set((int) keys[j], 0f);
        }
        return k;
    }
}
