package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * Int8 per-tensor symmetric quantisation and back (method.md §6, attack 5): with scale = max|w|/127
 * computed in float32, w' = round(w/scale)·scale, rounding half to even like {@code
 * torch.quantize_per_tensor}. Every value moves by at most scale/2 (plus float32 rounding of the
 * product). A tensor that is all zeros is left alone; NaN and infinite values are left alone and do
 * not set the scale. Deterministic.
 */
public record Int8Quantisation() implements Attack {

    static final int LEVELS = 127;

    @Override
    public String name() {
        return "int8";
    }

    @Override
    public String spec() {
        return "int8";
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
                    for (WeightValues w : weights.tensors()) {
                        quantise(w.values());
                    }
                    return "int8 symmetric per-tensor quantisation round trip of "
                            + weights.tensorCount()
                            + " tensors (scale max|w|/127)";
                });
    }

    /** The scale of a tensor: its largest finite magnitude over 127, 0 for an all-zero tensor. */
    static float scale(float[] values) {
        float max = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max / LEVELS;
    }

    private static void quantise(float[] values) {
        float scale = scale(values);
        if (scale == 0) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.isFinite(values[i])) {
                double q = Math.rint(values[i] / scale);
                q = Math.max(-LEVELS, Math.min(LEVELS, q));
                values[i] = (float) q * scale;
            }
        }
    }
}
