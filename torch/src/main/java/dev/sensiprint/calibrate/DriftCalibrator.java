package dev.sensiprint.calibrate;

import dev.sensiprint.calibrate.DriftCalibration.SampleDrift;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-runs the unmodified model on every sample under benign variation and keeps only the samples
 * whose label cannot flip from such drift: zero false positives is the contract (method.md §5).
 *
 * <p>A drift of δ per output moves a margin by at most 2δ, so a sample is kept when its margin
 * exceeds {@code safety × 2δ}. The measured drift is a sample of what deployments may do, not a
 * bound, hence the safety factor (default 10) — and a floor of 1e-6 relative to the output's scale,
 * so that bit-identical reruns do not declare a margin of 1e-30 safe.
 */
public final class DriftCalibrator {

    public static final double DEFAULT_SAFETY = 10;
    // Relative drift assumed even when every rerun was bit-identical (float32 has 24 bits; the
    // measured cross-thread drift on libtorch CPU is ~1e-7 relative, djl-pytorch.md §7).
    public static final double RELATIVE_FLOOR = 1e-6;

    private final double safety;

    public DriftCalibrator(double safety) {
        if (!(safety >= 1)) {
            throw new IllegalArgumentException("safety factor must be >= 1, got " + safety);
        }
        this.safety = safety;
    }

    /**
     * Calibrates.
     *
     * @param samples the candidate samples
     * @param reference the outputs recorded for them (what the fingerprint will store)
     * @param variations the benign variations to run
     */
    public DriftCalibration calibrate(
            List<FloatTensor> samples, List<FloatTensor> reference, List<Variation> variations) {
        if (samples.size() != reference.size()) {
            throw new IllegalArgumentException("one reference output per sample is needed");
        }
        double[] deviation = new double[samples.size()];
        boolean[] stable = new boolean[samples.size()];
        java.util.Arrays.fill(stable, true);
        List<String> names = new ArrayList<>();
        for (Variation v : variations) {
            names.add(v.name());
            List<FloatTensor> outs = v.outputs(samples);
            if (outs.size() != samples.size()) {
                throw new IllegalStateException(v.name() + " returned " + outs.size() + " outputs");
            }
            for (int i = 0; i < samples.size(); i++) {
                float[] ref = reference.get(i).data();
                float[] got = outs.get(i).data();
                deviation[i] = Math.max(deviation[i], maxAbsDiff(ref, got));
                stable[i] &= Outputs.argmax(ref) == Outputs.argmax(got);
            }
        }
        List<SampleDrift> result = new ArrayList<>();
        double floor = 0;
        double scale = 0;
        for (int i = 0; i < samples.size(); i++) {
            float[] ref = reference.get(i).data();
            double margin = Outputs.margin(ref);
            double assumed = Math.max(deviation[i], RELATIVE_FLOOR * maxAbs(ref));
            String reason = "";
            if (!stable[i]) {
                reason = "label changed under benign variation";
            } else if (!(margin > safety * 2 * assumed)) {
                reason =
                        String.format(
                                "margin %.3g is within %.0f× the drift %.3g",
                                margin, safety, assumed);
            }
            boolean kept = reason.isEmpty();
            if (kept) {
                floor = Math.max(floor, deviation[i]);
                scale = Math.max(scale, maxAbs(ref));
            }
            result.add(new SampleDrift(deviation[i], stable[i], margin, kept, reason));
        }
        double tolerance = safety * Math.max(floor, RELATIVE_FLOOR * scale);
        return new DriftCalibration(result, floor, tolerance, names);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException(
                    "output lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
