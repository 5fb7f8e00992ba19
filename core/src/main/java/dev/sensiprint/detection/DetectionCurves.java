package dev.sensiprint.detection;

import java.util.OptionalInt;

/**
 * Detection rate against the number N of fingerprint queries (method.md §6), computed exactly from
 * which pool samples detect which tampered copy.
 *
 * <p>Random subsets: for a copy that {@code d} of the {@code K} pool samples detect, a uniformly
 * random N-subset of the pool misses every detecting sample with the hypergeometric probability
 * C(K−d, N) / C(K, N) = Π_{i<N} (K−d−i) / (K−i), so the rate is one minus that, averaged over the
 * copies. No Monte-Carlo: the product is exact up to float64 rounding, and exactly 0 or 1 where it
 * must be. In order: the fraction of copies that at least one of the first N samples of a fixed
 * order (MANC, as the paper queries its fingerprint) detects.
 */
public final class DetectionCurves {

    /** The paper's headline detection probability. */
    public static final double PAPER_TARGET = 0.9995;

    // A product of N ratios carries a relative rounding error of about N ulps, so a rate that is
    // mathematically equal to the target may land just below it in float64.
    private static final double TARGET_SLACK = 1e-12;

    private DetectionCurves() {}

    /**
     * The probability that a uniformly random N-subset of a pool of {@code poolSize} samples, of
     * which {@code detecting} detect the change, contains at least one detecting sample.
     *
     * @throws IllegalArgumentException unless 0 <= detecting <= poolSize and 1 <= n <= poolSize
     */
    public static double randomSubsetRate(int poolSize, int detecting, int n) {
        if (poolSize < 1 || detecting < 0 || detecting > poolSize) {
            throw new IllegalArgumentException(
                    "need 0 <= detecting <= pool size, pool size >= 1; got "
                            + detecting
                            + " of "
                            + poolSize);
        }
        if (n < 1 || n > poolSize) {
            throw new IllegalArgumentException(
                    "N must be in 1.." + poolSize + " (the pool size), got " + n);
        }
        if (detecting == 0) {
            return 0;
        }
        if (n > poolSize - detecting) {
            return 1;
        }
        double miss = 1;
        for (int i = 0; i < n; i++) {
            miss *= (double) (poolSize - detecting - i) / (poolSize - i);
        }
        return 1 - miss;
    }

    /**
     * Random-subset detection for N = 1..{@code maxN}, averaged over copies.
     *
     * @param detections detections[copy][sample]: whether the sample's output differed on the copy
     * @param maxN the largest N, at most the pool size
     * @return rates, index N−1
     */
    public static double[] randomSubsets(boolean[][] detections, int maxN) {
        int k = poolSize(detections, maxN);
        double[] curve = new double[maxN];
        for (boolean[] copy : detections) {
            int d = count(copy);
            for (int n = 1; n <= maxN; n++) {
                curve[n - 1] += randomSubsetRate(k, d, n);
            }
        }
        for (int n = 0; n < maxN; n++) {
            curve[n] /= detections.length;
        }
        return curve;
    }

    /**
     * Random-subset detection for N = 1..{@code maxN} queries when the pool is made of units of
     * {@code unit} samples that belong together (boundary pairs: unit 2), laid out consecutively:
     * sample i is in unit i / unit. N queries are ⌊N/unit⌋ uniformly random whole units plus, for
     * the remaining N mod unit queries, that many random members of one further random unit; a unit
     * detects a copy when any of its queried members does. Exact, like {@link #randomSubsets}: with
     * P units of which d detect, the whole units miss with probability C(P−d, k)/C(P, k); given
     * that, the extra unit is uniform over the other P − k units, all d detecting ones among them,
     * and r members of a unit with f flipping miss with probability C(u−f, r)/C(u, r). With {@code
     * unit} 1 this is {@link #randomSubsets}.
     *
     * @param detections detections[copy][sample], the samples of a unit adjacent
     * @param unit samples per unit, dividing the pool size
     * @param maxN the largest N, in queries (samples), at most the pool size
     * @return rates, index N−1
     */
    public static double[] randomUnits(boolean[][] detections, int unit, int maxN) {
        if (unit == 1) {
            return randomSubsets(detections, maxN);
        }
        int k = poolSize(detections, maxN);
        if (unit < 1 || k % unit != 0) {
            throw new IllegalArgumentException(
                    "a unit of " + unit + " samples must divide the pool size " + k);
        }
        int units = k / unit;
        double[] curve = new double[maxN];
        for (boolean[] copy : detections) {
            int d = 0;
            int[] flipping = new int[units];
            for (int j = 0; j < units; j++) {
                for (int m = 0; m < unit; m++) {
                    flipping[j] += copy[j * unit + m] ? 1 : 0;
                }
                d += flipping[j] > 0 ? 1 : 0;
            }
            for (int n = 1; n <= maxN; n++) {
                int whole = n / unit;
                int rest = n % unit;
                double miss = whole == 0 ? 1 : 1 - randomSubsetRate(units, d, whole);
                if (rest > 0 && miss > 0) {
                    double extra = units - whole - d;
                    for (int f : flipping) {
                        if (f > 0) {
                            extra += (double) choose(unit - f, rest) / choose(unit, rest);
                        }
                    }
                    miss *= extra / (units - whole);
                }
                curve[n - 1] += 1 - miss;
            }
        }
        for (int n = 0; n < maxN; n++) {
            curve[n] /= detections.length;
        }
        return curve;
    }

    private static long choose(int n, int r) {
        if (r < 0 || r > n) {
            return 0;
        }
        long c = 1;
        for (int i = 0; i < r; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    /**
     * Detection when the first N samples of {@code order} are queried, N = 1..{@code maxN}: the
     * fraction of copies that at least one of them detects.
     *
     * @param order sample indices, each once, at least {@code maxN} of them
     */
    public static double[] inOrder(boolean[][] detections, int[] order, int maxN) {
        int k = poolSize(detections, maxN);
        if (order.length < maxN) {
            throw new IllegalArgumentException(
                    "the order lists " + order.length + " samples, fewer than N = " + maxN);
        }
        boolean[] seen = new boolean[k];
        for (int i = 0; i < maxN; i++) {
            if (order[i] < 0 || order[i] >= k || seen[order[i]]) {
                throw new IllegalArgumentException(
                        "order entry " + order[i] + " is out of range or repeated");
            }
            seen[order[i]] = true;
        }
        double[] curve = new double[maxN];
        for (boolean[] copy : detections) {
            int first = maxN;
            for (int i = 0; i < maxN; i++) {
                if (copy[order[i]]) {
                    first = i;
                    break;
                }
            }
            for (int n = first + 1; n <= maxN; n++) {
                curve[n - 1] += 1;
            }
        }
        for (int n = 0; n < maxN; n++) {
            curve[n] /= detections.length;
        }
        return curve;
    }

    /** The smallest N (1-based) whose rate reaches {@code target}, or empty if none does. */
    public static OptionalInt smallestN(double[] curve, double target) {
        for (int i = 0; i < curve.length; i++) {
            if (curve[i] >= target - TARGET_SLACK) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** How many entries are true. */
    public static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }

    private static int poolSize(boolean[][] detections, int maxN) {
        if (detections.length == 0) {
            throw new IllegalArgumentException("no copies to average over");
        }
        int k = detections[0].length;
        for (boolean[] copy : detections) {
            if (copy.length != k) {
                throw new IllegalArgumentException("copies list different pool sizes");
            }
        }
        if (maxN < 1 || maxN > k) {
            throw new IllegalArgumentException(
                    "N must be in 1.." + k + " (the pool size), got " + maxN);
        }
        return k;
    }
}
