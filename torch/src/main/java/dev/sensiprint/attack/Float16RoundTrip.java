package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * Stores every weight as float16 and reads it back (method.md §6, attack 5): round to nearest even,
 * magnitudes from 65520 up become infinite, below 2^-14 the half subnormals apply ({@link
 * Float16}). Deterministic.
 */
public record Float16RoundTrip() implements Attack {

    @Override
    public String name() {
        return "fp16";
    }

    @Override
    public String spec() {
        return "fp16";
    }

    @Override
    public boolean randomised() {
        return false;
    }

    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        return TamperReport.measure(
                spec(),
                weights,
                () -> {
                    long overflowed = 0;
                    for (WeightValues w : weights.tensors()) {
                        float[] v = w.values();
                        for (int i = 0; i < v.length; i++) {
                            float h = Float16.roundTrip(v[i]);
                            if (Float.isInfinite(h) && Float.isFinite(v[i])) {
                                overflowed++;
                            }
                            v[i] = h;
                        }
                    }
                    return "float16 round trip of all "
                            + weights.totalValues()
                            + " weights"
                            + (overflowed > 0 ? ", " + overflowed + " overflowed to infinity" : "");
                });
    }
}
