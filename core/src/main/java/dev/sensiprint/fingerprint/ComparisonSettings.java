package dev.sensiprint.fingerprint;

/**
 * How verification compares outputs unless the user overrides the mode.
 *
 * @param mode the default comparison mode
 * @param topK how many labels {@link ComparisonMode#TOPK} compares (and the manifest stores)
 * @param tolerance largest absolute difference per output component that {@link
 *     ComparisonMode#PROBS} accepts, calibrated on the unmodified model
 * @param noiseFloor largest deviation of the unmodified model's outputs measured under benign
 *     variation (threads, batch size, reload), 0 when not measured
 */
public record ComparisonSettings(
        ComparisonMode mode, int topK, double tolerance, double noiseFloor) {

    public ComparisonSettings {
        if (mode == null) {
            throw new IllegalArgumentException("comparison mode must be given");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException(
                    "tolerance must be finite and >= 0, got " + tolerance);
        }
        if (!(noiseFloor >= 0) || !Double.isFinite(noiseFloor)) {
            throw new IllegalArgumentException(
                    "noise floor must be finite and >= 0, got " + noiseFloor);
        }
    }
}
