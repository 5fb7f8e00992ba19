package dev.sensiprint.generate;

import dev.sensiprint.generate.MarginProbe.Reading;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Brings a sample's top-1 margin into a band just above the benign noise floor, inside the
 * closeness ball and the pixel range, without changing its label (method.md §7, issue 7).
 *
 * <p>A label-only verifier sees a weight change only when it lowers a sample's margin below zero,
 * so the smaller the margin the smaller the change it sees; the band's lower edge keeps the sample
 * safe from benign drift. The walk takes linearised steps toward the band's middle and, once a step
 * crosses the band, bisects the segment between the last point above and the first point below it:
 * the segment stays in the ball (the feasible set is convex) and the margin is continuous along it,
 * so bisection always lands in the band unless float32 runs out of resolution first.
 */
public final class MarginWalker {

    private static final int MAX_STEPS = 100;
    private static final int MAX_BISECTIONS = 80;
    // A step that closes less than this fraction of the gap to the band's middle is no progress:
    // the ball's edge is in the way.
    private static final double MIN_PROGRESS = 1e-3;
    private static final int MAX_HALVINGS = 8;

    private final MarginProbe probe;
    private final BallProjection projection;

    public MarginWalker(MarginProbe probe, GeneratorSettings settings) {
        this.probe = probe;
        this.projection = BallProjection.of(settings);
    }

    /**
     * The target band of margins.
     *
     * @param low smallest margin kept: above the noise floor by the safety the caller wants
     * @param high largest margin kept
     */
    public record Band(double low, double high) {
        public Band {
            if (!(low > 0) || !(high > low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException(
                        "a margin band needs 0 < low < high, got " + low + ", " + high);
            }
        }

        boolean contains(double m) {
            return m >= low && m <= high;
        }
    }

    /** Where a walk ended. */
    public sealed interface Outcome {}

    /**
     * The sample in the band.
     *
     * @param sample the tuned sample, in the ball around the seed and the pixel range
     * @param reading the margin, its gradient and the output there
     * @param evaluations margin evaluations spent
     */
    public record Tuned(FloatTensor sample, Reading reading, int evaluations) implements Outcome {}

    /** No point of the band was reached; {@code reason} says why, for the user. */
    public record Failed(String reason) implements Outcome {}

    /**
     * Walks from {@code start} (a point in the ball around {@code seed}) to the band for {@code
     * label}. A start past the band (margin below it, or another class on top) is pulled back
     * toward the seed instead.
     */
    public Outcome walk(FloatTensor seed, FloatTensor start, int label, Band band) {
        Counter count = new Counter();
        Reading r = count.read(start, label);
        FloatTensor x = start;
        if (r.margin() < band.low()) {
            Reading atSeed = count.read(seed, label);
            if (band.contains(atSeed.margin())) {
                return new Tuned(seed, atSeed, count.n);
            }
            if (atSeed.margin() < band.low()) {
                return new Failed(
                        String.format(
                                Locale.ROOT,
                                "the seed's own margin %.3g is below the band",
                                atSeed.margin()));
            }
            return bisect(seed, atSeed, start, r, label, band, count);
        }
        double target = (band.low() + band.high()) / 2;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (band.contains(r.margin())) {
                return new Tuned(x, r, count.n);
            }
            float[] g = r.gradient().data();
            double n2 = 0;
            for (float gi : g) {
                n2 += (double) gi * gi;
            }
            if (!(n2 > 0) || !Double.isFinite(n2)) {
                return new Failed("the margin is flat here (zero gradient)");
            }
            // First order: m(x + d) ≈ m(x) + g·d, so d = −(m − target) g / |g|² lands on target.
            // On the ball's edge the projection may undo a long step; a shorter one can still
            // slide along the edge, hence the halvings.
            double factor = (r.margin() - target) / n2;
            FloatTensor next = null;
            Reading rn = null;
            for (int halving = 0; halving <= MAX_HALVINGS; halving++, factor /= 2) {
                FloatTensor candidate = step(seed, x, g, factor);
                Reading rc = count.read(candidate, label);
                if (rc.margin() < band.low()) {
                    return bisect(x, r, candidate, rc, label, band, count);
                }
                if (r.margin() - rc.margin() >= MIN_PROGRESS * (r.margin() - target)) {
                    next = candidate;
                    rn = rc;
                    break;
                }
            }
            if (next == null) {
                return new Failed(
                        String.format(
                                Locale.ROOT,
                                "the margin stays at %.3g, above the band, within the ball",
                                r.margin()));
            }
            x = next;
            r = rn;
        }
        return band.contains(r.margin())
                ? new Tuned(x, r, count.n)
                : new Failed("the margin did not reach the band in " + MAX_STEPS + " steps");
    }

    /**
     * The twin of a tuned sample just across its decision boundary (method.md §7, boundary pairs):
     * from {@code from}, whose top-1 is {@code label} with its margin m in the band, walks to a
     * point whose top-1 is the runner-up b at {@code from}, with b's margin in the same band,
     * inside the ball around {@code seed} and the pixel range.
     *
     * <p>At {@code from} the twin margin z_b − max_{j≠b} z_j is −m, below the band. Linearised
     * steps along its gradient aim at the band's middle (a step that falls short is retried
     * longer); the first point past the band is bisected against the last point short of it, on a
     * segment that stays in the ball. The two members end a tiny step apart, so d(z_a − z_b)/dW at
     * one is nearly −d(z_b − z_a)/dW at the other: a weight change that moves the a/b boundary
     * there by more than the margin, either way, flips one of them.
     *
     * @return the twin, its reading taken for the runner-up's label, or why there is none
     */
    public Outcome cross(FloatTensor seed, FloatTensor from, int label, Band band) {
        Counter count = new Counter();
        Reading anchor = count.read(from, label);
        if (!(anchor.margin() > 0)) {
            return new Failed(
                    String.format(
                            Locale.ROOT,
                            "class %d is not on top at the anchor (margin %.3g)",
                            label,
                            anchor.margin()));
        }
        int twin = runnerUp(anchor.output().data(), label);
        Reading r = count.read(from, twin);
        FloatTensor x = from;
        double target = (band.low() + band.high()) / 2;
        for (int step = 0; step < MAX_STEPS; step++) {
            float[] g = r.gradient().data();
            double n2 = 0;
            for (float gi : g) {
                n2 += (double) gi * gi;
            }
            if (!(n2 > 0) || !Double.isFinite(n2)) {
                return new Failed("the runner-up's margin is flat here (zero gradient)");
            }
            // Ascend the twin's margin: m_b(x + d) ≈ m_b(x) + g·d, d = (target − m_b) g / |g|².
            // Where the ball's edge or the pixel range cuts a step short, a longer one may still
            // slide along it, hence the doublings.
            double factor = -(target - r.margin()) / n2;
            FloatTensor next = null;
            Reading rn = null;
            for (int doubling = 0; doubling <= MAX_HALVINGS; doubling++, factor *= 2) {
                FloatTensor candidate = step(seed, x, g, factor);
                Reading rc = count.read(candidate, twin);
                if (band.contains(rc.margin())) {
                    return new Tuned(candidate, rc, count.n);
                }
                if (rc.margin() > band.high()) {
                    return bisect(candidate, rc, x, r, twin, band, count);
                }
                if (rc.margin() - r.margin() >= MIN_PROGRESS * (target - r.margin())) {
                    next = candidate;
                    rn = rc;
                    break;
                }
            }
            if (next == null) {
                return new Failed(
                        String.format(
                                Locale.ROOT,
                                "the runner-up's margin stays at %.3g, below the band, within the"
                                        + " ball",
                                r.margin()));
            }
            x = next;
            r = rn;
        }
        return new Failed(
                "the runner-up's margin did not reach the band in " + MAX_STEPS + " steps");
    }

    private static int runnerUp(float[] z, int label) {
        int best = -1;
        for (int j = 0; j < z.length; j++) {
            if (j != label && (best < 0 || z[j] > z[best])) {
                best = j;
            }
        }
        return best;
    }

    /** x − factor·g, projected into the ball around the seed and the pixel range. */
    private FloatTensor step(FloatTensor seed, FloatTensor x, float[] g, double factor) {
        float[] cur = x.data();
        float[] x0 = seed.data();
        double[] d = new double[cur.length];
        for (int i = 0; i < cur.length; i++) {
            d[i] = cur[i] - factor * g[i] - x0[i];
        }
        return projection.project(seed, d);
    }

    /** Bisects [above, below]: margin(above) > band, margin(below) < band. */
    private Outcome bisect(
            FloatTensor above,
            Reading ra,
            FloatTensor below,
            Reading rb,
            int label,
            Band band,
            Counter count) {
        float[] a = above.data().clone();
        float[] b = below.data().clone();
        for (int i = 0; i < MAX_BISECTIONS; i++) {
            float[] mid = new float[a.length];
            for (int k = 0; k < a.length; k++) {
                mid[k] = (float) (((double) a[k] + b[k]) / 2);
            }
            if (Arrays.equals(mid, a) || Arrays.equals(mid, b)) {
                break;
            }
            FloatTensor m = new FloatTensor(above.shape(), mid);
            Reading rm = count.read(m, label);
            if (band.contains(rm.margin())) {
                return new Tuned(m, rm, count.n);
            }
            if (rm.margin() > band.high()) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return new Failed(
                String.format(
                        Locale.ROOT,
                        "the margin jumps across the band (%.3g to %.3g) at float32 resolution",
                        ra.margin(),
                        rb.margin()));
    }

    /** Counts evaluations, so the cost of tuning can be reported. */
    private final class Counter {
        int n;

        Reading read(FloatTensor x, int label) {
            n++;
            return probe.read(x, label);
        }
    }
}
