package dev.sensiprint.generate;

import dev.sensiprint.generate.GeneratedSample.StopReason;
import dev.sensiprint.generate.SensitivityProbe.Probe;
import dev.sensiprint.tensor.FloatTensor;

/**
 * Turns a natural seed image into a sensitive sample: Adam ascent on log S(x) with the exact
 * gradient at every step (one double backprop per step), projected after each step onto the pixel
 * range and the closeness ball around the seed (method.md §3). The rules of a step are {@link
 * Ascent}'s.
 */
public final class SensitiveSampleGenerator {

    private final SensitivityProbe probe;
    private final GeneratorSettings settings;

    public SensitiveSampleGenerator(SensitivityProbe probe, GeneratorSettings settings) {
        this.probe = probe;
        this.settings = settings;
    }

    /** Generates one sample from {@code seed}; {@code listener} hears about every step. */
    public GeneratedSample generate(FloatTensor seed, StepListener listener) {
        Probe current = probe.probe(seed);
        Ascent ascent = new Ascent(seed, current, settings);
        while (!ascent.stopped()) {
            double s = current.sensitivity();
            float[] grad = current.gradient().data();
            if (!(s > 0) || !Double.isFinite(s) || !Ascent.isUsable(grad)) {
                ascent.stop(StopReason.FLAT);
                break;
            }
            double[] direction = ascent.direction(grad, s);
            Probe next = null;
            for (int attempt = 0; attempt <= Ascent.MAX_BACKTRACKS && next == null; attempt++) {
                FloatTensor candidate = ascent.propose(direction);
                Probe p = probe.probe(candidate);
                if (ascent.admissible(p.output())) {
                    next = p;
                    ascent.accept(candidate, p.output(), p.sensitivity());
                } else {
                    ascent.reject();
                }
            }
            if (next == null) {
                ascent.stop(StopReason.LABEL_BOUNDARY);
                break;
            }
            current = next;
            listener.onStep(ascent.steps(), next.sensitivity());
        }
        return ascent.finish(probe);
    }

    /** Hears about generation progress, e.g. to drive a progress bar. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = (step, sensitivity) -> {};

        void onStep(int step, double sensitivity);
    }
}
