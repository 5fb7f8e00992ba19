package dev.sensiprint.generate;

import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;

/**
 * The outcome of one generation run.
 *
 * @param seed the natural image it started from
 * @param sample the sensitive sample (equal to the seed when no step helped)
 * @param output the model's output vector at the sample
 * @param seedLabel the model's top-1 label at the seed
 * @param seedSensitivity S(seed)
 * @param sensitivity S(sample)
 * @param stepsTaken Adam steps tried
 * @param rejectedSteps steps rejected because they changed the label or crossed the margin floor
 * @param stop why the run ended
 */
public record GeneratedSample(
        FloatTensor seed,
        FloatTensor sample,
        FloatTensor output,
        int seedLabel,
        double seedSensitivity,
        double sensitivity,
        int stepsTaken,
        int rejectedSteps,
        StopReason stop) {

    /** The seed as its own sample, not ascended: S is recorded at the seed. */
    public static GeneratedSample atSeed(
            FloatTensor seed, FloatTensor output, double seedSensitivity) {
        return new GeneratedSample(
                seed,
                seed,
                output,
                Outputs.argmax(output.data()),
                seedSensitivity,
                seedSensitivity,
                0,
                0,
                StopReason.NOT_ASCENDED);
    }

    /**
     * This run's record with the sample moved to {@code sample} (a margin walk, a boundary twin),
     * where the probe measured {@code at}; the seed, its label and S(seed) and the ascent's
     * statistics stay.
     */
    public GeneratedSample movedTo(FloatTensor sample, SensitivityProbe.Probe at) {
        return new GeneratedSample(
                seed,
                sample,
                at.output(),
                seedLabel,
                seedSensitivity,
                at.sensitivity(),
                stepsTaken,
                rejectedSteps,
                stop);
    }

    public double gain() {
        return sensitivity / seedSensitivity;
    }

    /** Whether the sample keeps the seed's top-1 label. */
    public boolean labelKept() {
        return Outputs.argmax(output.data()) == seedLabel;
    }

    /** Why generation stopped. */
    public enum StopReason {
        /** All steps were used. */
        STEP_LIMIT,
        /** S stopped improving for {@code patience} steps. */
        CONVERGED,
        /** Every step, however small, changed the label or crossed the margin floor. */
        LABEL_BOUNDARY,
        /** S or its gradient is zero or not finite: there is nothing to ascend. */
        FLAT,
        /** The objective asked for no ascent (the margin-only control). */
        NOT_ASCENDED
    }
}
