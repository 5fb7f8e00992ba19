package dev.sensiprint.generate;

import dev.sensiprint.generate.GeneratedSample.StopReason;
import dev.sensiprint.generate.SensitivityProbe.Probe;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One candidate's Adam ascent on log S(x) from its seed, projected after each step onto the pixel
 * range and the closeness ball (method.md §3): its state and the rules of a step, whoever computes
 * the gradients ({@link SensitiveSampleGenerator} drives it with exact ones; the lockstep
 * experiment of docs/BENCHMARKS.md drove several with random-sign estimates).
 *
 * <p>A step: {@link #direction} from a gradient of log S, then {@link #propose} points along it
 * until one is {@link #admissible} ({@link #accept}) or {@value #MAX_BACKTRACKS} halvings of the
 * step size have failed ({@link #reject} each time, then {@link #stop} at the label boundary). The
 * optimiser state lives in Java (a sample is a few thousand floats), which keeps every step
 * deterministic.
 */
final class Ascent {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;
    // A rejected step is retried from the last accepted point at half the size; after this many
    // halvings the label boundary is taken to be in every direction that helps.
    static final int MAX_BACKTRACKS = 12;
    // Quantisation can break the label (or the margin floor) of the best sample; these many of
    // the next best accepted points are tried before falling back to the seed itself.
    private static final int QUANTIZE_CANDIDATES = 8;

    private final FloatTensor seed;
    private final GeneratorSettings settings;
    private final BallProjection projection;
    private final double startSensitivity;
    private final int label;
    private final double[] m;
    private final double[] v;
    private final List<Point> accepted = new ArrayList<>();
    private FloatTensor current;
    private double lr;
    private double bestS;
    private int sinceImprovement;
    private int rejected;
    private int steps;
    private StopReason stop;

    Ascent(FloatTensor seed, Probe start, GeneratorSettings settings) {
        this.seed = seed;
        this.settings = settings;
        this.projection = BallProjection.of(settings);
        this.startSensitivity = start.sensitivity();
        this.label = Outputs.argmax(start.output().data());
        this.m = new double[seed.data().length];
        this.v = new double[m.length];
        this.current = seed;
        this.lr = settings.learningRate();
        this.bestS = start.sensitivity();
        this.accepted.add(new Point(seed, start.sensitivity(), start.output()));
        if (settings.steps() == 0) {
            stop = StopReason.STEP_LIMIT;
        }
    }

    boolean stopped() {
        return stop != null;
    }

    int steps() {
        return steps;
    }

    /**
     * Starts a step: Adam's update from {@code gradient} / {@code scale}, a gradient of log S when
     * scale is S at the current point (ascending log S keeps Adam effective when S starts at 1e-18
     * on a confidently classified seed, method.md §3).
     */
    double[] direction(float[] gradient, double scale) {
        steps++;
        double[] direction = new double[m.length];
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < m.length; i++) {
            double g = gradient[i] / scale;
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            direction[i] = (m[i] / c1) / (Math.sqrt(v[i] / c2) + ADAM_EPS);
        }
        return direction;
    }

    /** current + lr·direction, then into the pixel range and the ball around the seed. */
    FloatTensor propose(double[] direction) {
        float[] x0 = seed.data();
        float[] cur = current.data();
        double[] d = new double[cur.length];
        for (int i = 0; i < cur.length; i++) {
            d[i] = cur[i] + lr * direction[i] - x0[i];
        }
        return projection.project(seed, d);
    }

    /** Whether a point with this output may be accepted: always, or with the seed's label kept. */
    boolean admissible(FloatTensor output) {
        if (!settings.keepLabel()) {
            return true;
        }
        float[] out = output.data();
        return Outputs.argmax(out) == label && Outputs.margin(out) >= settings.marginFloor();
    }

    /** The proposal was not admissible: the next one is half as far. */
    void reject() {
        rejected++;
        lr /= 2;
    }

    /**
     * Moves to {@code x}, where S is {@code s}: the point joins the ranking, and the ascent stops
     * when S has not improved by the settings' minimum for {@code patience} accepted steps, or at
     * the step limit.
     */
    void accept(FloatTensor x, FloatTensor output, double s) {
        current = x;
        accepted.add(new Point(x, s, output));
        if (s > bestS * (1 + settings.minImprovement())) {
            bestS = s;
            sinceImprovement = 0;
        } else if (++sinceImprovement >= settings.patience()) {
            stop = StopReason.CONVERGED;
            return;
        }
        if (steps >= settings.steps()) {
            stop = StopReason.STEP_LIMIT;
        }
    }

    void stop(StopReason reason) {
        stop = reason;
    }

    /**
     * The result: the accepted point (or the seed) with the highest S, or with quantisation the
     * best of them whose 8-bit copy is still admissible, re-evaluated by {@code probe} after
     * quantising.
     */
    GeneratedSample finish(SensitivityProbe probe) {
        List<Point> ranked = new ArrayList<>(accepted);
        ranked.sort(Comparator.comparingDouble((Point p) -> -p.s));
        Point chosen = settings.quantize() ? quantizeBest(ranked, probe) : ranked.get(0);
        return new GeneratedSample(
                seed,
                chosen.x,
                chosen.output,
                label,
                startSensitivity,
                chosen.s,
                steps,
                rejected,
                stop == null ? StopReason.STEP_LIMIT : stop);
    }

    private Point quantizeBest(List<Point> ranked, SensitivityProbe probe) {
        int tried = 0;
        for (Point p : ranked) {
            if (tried++ == QUANTIZE_CANDIDATES) {
                break;
            }
            FloatTensor q = quantizeTowardSeed(p.x);
            Probe probed = probe.probe(q);
            if (admissible(probed.output())) {
                return new Point(q, probed.sensitivity(), probed.output());
            }
        }
        FloatTensor q = quantizeTowardSeed(seed);
        Probe probed = probe.probe(q);
        return new Point(q, probed.sensitivity(), probed.output());
    }

    /**
     * Rounds to the 8-bit grid so the sample survives PNG or uint8 transport unchanged. Each
     * pixel's change from the (rounded) seed is truncated toward zero, so the sample stays inside
     * the ball.
     */
    FloatTensor quantizeTowardSeed(FloatTensor x) {
        float lo = settings.valueMin();
        float range = settings.valueMax() - lo;
        float[] x0 = seed.data();
        float[] cur = x.data();
        float[] out = new float[cur.length];
        for (int i = 0; i < cur.length; i++) {
            double s = Math.rint((x0[i] - lo) / range * 255);
            double steps = (cur[i] - lo) / range * 255 - s;
            double q = s + (steps >= 0 ? Math.floor(steps + 1e-6) : Math.ceil(steps - 1e-6));
            out[i] = projection.clamp(lo + (float) (Math.max(0, Math.min(255, q)) / 255 * range));
        }
        return new FloatTensor(x.shape(), out);
    }

    /** Whether a gradient can drive a step: finite everywhere and not all zero. */
    static boolean isUsable(float[] g) {
        boolean nonZero = false;
        for (float f : g) {
            if (!Float.isFinite(f)) {
                return false;
            }
            nonZero |= f != 0;
        }
        return nonZero;
    }

    private record Point(FloatTensor x, double s, FloatTensor output) {}
}
