package dev.sensiprint.generate;

/**
 * How a fingerprint is made from seeds.
 *
 * @param candidates how many candidate samples to generate (one per seed)
 * @param count how many the fingerprint keeps
 * @param generator how each candidate is generated
 * @param safety the calibration safety factor (see {@code DriftCalibrator})
 */
public record PipelineSettings(
        int candidates, int count, GeneratorSettings generator, double safety) {

    public PipelineSettings {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (candidates < count) {
            throw new IllegalArgumentException(
                    "count (" + count + ") cannot exceed candidates (" + candidates + ")");
        }
        if (generator == null) {
            throw new IllegalArgumentException("generator settings must be given");
        }
    }
}
