package dev.sensiprint.calibrate;

import java.util.List;

/**
 * What calibration measured and decided.
 *
 * @param samples per sample: its largest output deviation and whether it is kept
 * @param noiseFloor the largest deviation of any output of any kept sample under any variation
 * @param tolerance the per-component tolerance that {@code probs} mode will use
 * @param variations the names of the variations run
 */
public record DriftCalibration(
        List<SampleDrift> samples, double noiseFloor, double tolerance, List<String> variations) {

    public DriftCalibration {
        samples = List.copyOf(samples);
        variations = List.copyOf(variations);
    }

    /** Indices of the samples that survive calibration. */
    public List<Integer> kept() {
        return java.util.stream.IntStream.range(0, samples.size())
                .filter(i -> samples.get(i).kept())
                .boxed()
                .toList();
    }

    /**
     * One sample's drift.
     *
     * @param maxDeviation largest |output − reference| over all components and variations
     * @param labelStable the top-1 label was the same under every variation
     * @param margin the sample's top-1 margin on the reference run
     * @param kept whether the sample is safe to use
     * @param reason why it was dropped, or empty
     */
    public record SampleDrift(
            double maxDeviation, boolean labelStable, double margin, boolean kept, String reason) {}
}
