package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * Flips one bit of one float32 weight (method.md §6, attack 8: fault injection). The weight is
 * uniform over the nonzero values of W (as for {@link ScaleOneWeight}), the bit uniform over the
 * {@link BitChoice}. The result may be infinite or NaN (an exponent flip of a weight in [1, 2), or
 * of any weight with all-ones exponent after the flip); that is a real fault and is kept.
 *
 * @param bits the bits to choose from
 */
public record BitFlip(BitChoice bits) implements Attack {

    public BitFlip {
        if (bits == null) {
            throw new IllegalArgumentException("bit choice must be given");
        }
    }

    @Override
    public String name() {
        return "bitflip";
    }

    @Override
    public String spec() {
        return "bitflip:bit=" + bits.label();
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
                    int bit = bits.positions().get(random.nextInt(bits.positions().size()));
                    float before = weights.get(global);
                    float after = flip(before, bit);
                    weights.set(global, after);
                    return "flipped "
                            + BitChoice.describe(bit)
                            + " of "
                            + weights.element(global)
                            + ": "
                            + before
                            + " -> "
                            + after;
                });
    }

    /** {@code v} with bit {@code position} of its IEEE 754 pattern inverted. */
    static float flip(float v, int position) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ (1 << position));
    }
}
