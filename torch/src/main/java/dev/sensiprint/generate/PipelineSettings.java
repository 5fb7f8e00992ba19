package dev.sensiprint.generate;

import java.util.Optional;

/**
 * How a fingerprint is made from seeds.
 *
 * @param candidates how many candidate samples to generate (one per seed)
 * @param count how many the fingerprint keeps
 * @param generator how each candidate is generated
 * @param safety the calibration safety factor (see {@code DriftCalibrator})
 * @param objective what each candidate is optimised for
 * @param marginTuning whether and how candidates are walked to a small safe margin
 * @param jointSelection choose by simulated tampering instead of neuron cover (MANC)
 */
public record PipelineSettings(
        int candidates,
        int count,
        GeneratorSettings generator,
        double safety,
        Objective objective,
        Optional<MarginTuning> marginTuning,
        Optional<JointSelection> jointSelection) {

    /** The paper's pipeline: sensitivity ascent, no margin tuning. */
    public PipelineSettings(int candidates, int count, GeneratorSettings generator, double safety) {
        this(
                candidates,
                count,
                generator,
                safety,
                Objective.SENSITIVITY,
                Optional.empty(),
                Optional.empty());
    }

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
        if (objective == null || marginTuning == null || jointSelection == null) {
            throw new IllegalArgumentException(
                    "objective, margin tuning and joint selection must be given");
        }
        marginTuning.ifPresent(t -> t.requireAbove(safety));
    }
}
