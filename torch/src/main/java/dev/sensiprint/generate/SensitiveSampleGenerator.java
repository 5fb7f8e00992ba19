package dev.sensiprint.generate;

import dev.sensiprint.generate.GeneratedSample.StopReason;
import dev.sensiprint.generate.SensitivityProbe.Probe;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a natural seed image into a sensitive sample: Adam ascent on log S(x), projected after each
 * step onto the pixel range and the closeness ball around the seed (method.md §3).
 *
 * <p>The optimiser state lives in Java (the sample is a few thousand floats), which keeps every
 * step deterministic and leaves the native side with one job: S and its gradient.
 */
public final class SensitiveSampleGenerator {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    // A rejected step is retried from the last accepted point at half the size; after this many
    // halvings the label boundary is taken to be in every direction that helps.
    private static final int MAX_BACKTRACKS = 12;
    // Quantisation can break the label (or the margin floor) of the best sample; these many of
    // the next best accepted points are tried before falling back to the seed itself.
    private static final int QUANTIZE_CANDIDATES = 8;

    private final SensitivityProbe probe;
    private final GeneratorSettings settings;
    private final BallProjection projection;

    public SensitiveSampleGenerator(SensitivityProbe probe, GeneratorSettings settings) {
        this.probe = probe;
        this.settings = settings;
        this.projection = BallProjection.of(settings);
    }

    /** Generates one sample from {@code seed}; {@code listener} hears about every step. */
    public GeneratedSample generate(FloatTensor seed, StepListener listener) {
        float[] x0 = seed.data();
        Probe start = probe.probe(seed);
        int label = Outputs.argmax(start.output().data());
        Point accepted = new Point(seed, start);
        List<Point> ranked = new ArrayList<>(List.of(accepted));

        double[] m = new double[x0.length];
        double[] v = new double[x0.length];
        double lr = settings.learningRate();
        double bestS = start.sensitivity();
        int sinceImprovement = 0;
        int rejected = 0;
        int step = 0;
        StopReason stop = StopReason.STEP_LIMIT;

        while (step < settings.steps()) {
            double s = accepted.probe.sensitivity();
            float[] grad = accepted.probe.gradient().data();
            if (!(s > 0) || !Double.isFinite(s) || !isUsable(grad)) {
                stop = StopReason.FLAT;
                break;
            }
            step++;
            // d log S / dx = (dS/dx) / S: ascending log S keeps Adam effective when S starts at
            // 1e-18 on a confidently classified seed (method.md §3).
            double[] direction = new double[x0.length];
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            for (int i = 0; i < x0.length; i++) {
                double g = grad[i] / s;
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                direction[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + ADAM_EPS);
            }
            Point next = null;
            for (int attempt = 0; attempt <= MAX_BACKTRACKS && next == null; attempt++) {
                FloatTensor candidate = project(seed, accepted.x, direction, lr);
                Probe p = probe.probe(candidate);
                if (admissible(p, label)) {
                    next = new Point(candidate, p);
                } else {
                    rejected++;
                    lr /= 2;
                }
            }
            if (next == null) {
                stop = StopReason.LABEL_BOUNDARY;
                break;
            }
            accepted = next;
            ranked.add(next);
            double sNext = next.probe.sensitivity();
            listener.onStep(step, sNext);
            if (sNext > bestS * (1 + settings.minImprovement())) {
                bestS = sNext;
                sinceImprovement = 0;
            } else if (++sinceImprovement >= settings.patience()) {
                stop = StopReason.CONVERGED;
                break;
            }
        }

        ranked.sort(Comparator.comparingDouble((Point p) -> -p.probe.sensitivity()));
        Point chosen = settings.quantize() ? quantizeBest(seed, ranked, label) : ranked.get(0);
        return new GeneratedSample(
                seed,
                chosen.x,
                chosen.probe.output(),
                label,
                start.sensitivity(),
                chosen.probe.sensitivity(),
                step,
                rejected,
                stop);
    }

    /** The best point whose quantised copy is still admissible, evaluated after quantising. */
    private Point quantizeBest(FloatTensor seed, List<Point> ranked, int label) {
        int tried = 0;
        for (Point p : ranked) {
            if (tried++ == QUANTIZE_CANDIDATES) {
                break;
            }
            FloatTensor q = quantizeTowardSeed(seed, p.x);
            Probe probed = probe.probe(q);
            if (admissible(probed, label)) {
                return new Point(q, probed);
            }
        }
        FloatTensor q = quantizeTowardSeed(seed, seed);
        return new Point(q, probe.probe(q));
    }

    private boolean admissible(Probe p, int label) {
        if (!settings.keepLabel()) {
            return true;
        }
        float[] out = p.output().data();
        return Outputs.argmax(out) == label && Outputs.margin(out) >= settings.marginFloor();
    }

    /** x + lr·direction, then into the pixel range and the ball around the seed. */
    private FloatTensor project(FloatTensor seed, FloatTensor x, double[] direction, double lr) {
        float[] x0 = seed.data();
        float[] cur = x.data();
        double[] d = new double[cur.length];
        for (int i = 0; i < cur.length; i++) {
            d[i] = cur[i] + lr * direction[i] - x0[i];
        }
        return projection.project(seed, d);
    }

    /**
     * Rounds to the 8-bit grid so the sample survives PNG or uint8 transport unchanged. Each
     * pixel's change from the (rounded) seed is truncated toward zero, so the sample stays inside
     * the ball.
     */
    FloatTensor quantizeTowardSeed(FloatTensor seed, FloatTensor x) {
        float lo = settings.valueMin();
        float range = settings.valueMax() - lo;
        float[] x0 = seed.data();
        float[] cur = x.data();
        float[] out = new float[cur.length];
        for (int i = 0; i < cur.length; i++) {
            double s = Math.rint((x0[i] - lo) / range * 255);
            double steps = (cur[i] - lo) / range * 255 - s;
            double q = s + (steps >= 0 ? Math.floor(steps + 1e-6) : Math.ceil(steps - 1e-6));
            out[i] = clamp(lo + (float) (Math.max(0, Math.min(255, q)) / 255 * range));
        }
        return new FloatTensor(x.shape(), out);
    }

    private float clamp(double value) {
        return projection.clamp(value);
    }

    private static boolean isUsable(float[] g) {
        boolean nonZero = false;
        for (float f : g) {
            if (!Float.isFinite(f)) {
                return false;
            }
            nonZero |= f != 0;
        }
        return nonZero;
    }

    private record Point(FloatTensor x, Probe probe) {}

    /** Hears about generation progress, e.g. to drive a progress bar. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = (step, sensitivity) -> {};

        void onStep(int step, double sensitivity);
    }
}
