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
 * @param jointSelection choose by simulated tampering instead of neuron cover (MANC); with {@code
 *     pairs}, pair by pair, a pair catching a change when either member flips
 * @param pairs make the fingerprint of boundary pairs (method.md §7): count/2 tuned candidates
 *     chosen (by MANC, or by joint selection) among those whose twin across the boundary exists and
 *     survives calibration with them, each followed by its twin; needs margin tuning and an even
 *     count
 */
public record PipelineSettings(
        int candidates,
        int count,
        GeneratorSettings generator,
        double safety,
        Objective objective,
        Optional<MarginTuning> marginTuning,
        Optional<JointSelection> jointSelection,
        boolean pairs) {

    /** Sample-by-sample selection, MANC or joint: no boundary pairs. */
    public PipelineSettings(
            int candidates,
            int count,
            GeneratorSettings generator,
            double safety,
            Objective objective,
            Optional<MarginTuning> marginTuning,
            Optional<JointSelection> jointSelection) {
        this(candidates, count, generator, safety, objective, marginTuning, jointSelection, false);
    }

    /** The paper's pipeline: sensitivity ascent, no margin tuning. */
    public PipelineSettings(int candidates, int count, GeneratorSettings generator, double safety) {
        this(
                candidates,
                count,
                generator,
                safety,
                Objective.SENSITIVITY,
                Optional.empty(),
                Optional.empty(),
                false);
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
        if (pairs && marginTuning.isEmpty()) {
            throw new IllegalArgumentException(
                    "boundary pairs need margin tuning: the twin is walked into the same band");
        }
        if (pairs && count % 2 != 0) {
            throw new IllegalArgumentException(
                    "boundary pairs need an even count (two samples a pair), got " + count);
        }
    }

    /** How many candidates are chosen: count, or count/2 anchors for boundary pairs. */
    public int anchors() {
        return pairs ? count / 2 : count;
    }
}
