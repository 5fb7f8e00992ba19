package dev.sensiprint.evaluation;

import dev.sensiprint.detection.DetectionCurves;
import java.util.OptionalInt;

/**
 * How one pool detected one attack in one comparison mode, over all copies.
 *
 * @param poolSize K, the samples in the pool
 * @param unit samples queried together (2 for boundary pairs): random subsets draw whole units, and
 *     an odd N asks one member of one more unit ({@link DetectionCurves#randomUnits})
 * @param detectingPerCopy per copy, how many pool samples detected it
 * @param notComparable over all copies, sample answers that could not be compared at all (e.g. a
 *     NaN output after a bit flip); they count as detecting, since the verdict is then not INTACT
 * @param randomSubsets detection rate of a random N-subset, N = 1..K (index N−1)
 * @param inOrder detection rate of the first N samples in MANC order, N = 1..K
 */
public record ModeDetection(
        int poolSize,
        int unit,
        int[] detectingPerCopy,
        long notComparable,
        double[] randomSubsets,
        double[] inOrder) {

    static ModeDetection of(boolean[][] detections, int[] order, long notComparable, int unit) {
        int k = detections[0].length;
        int[] counts = new int[detections.length];
        for (int c = 0; c < detections.length; c++) {
            counts[c] = DetectionCurves.count(detections[c]);
        }
        return new ModeDetection(
                k,
                unit,
                counts,
                notComparable,
                DetectionCurves.randomUnits(detections, unit, k),
                DetectionCurves.inOrder(detections, order, k));
    }

    /** The random-subset rate at N, NaN when N exceeds the pool. */
    public double rateAt(int n) {
        return n >= 1 && n <= poolSize ? randomSubsets[n - 1] : Double.NaN;
    }

    /** The in-order rate at N, NaN when N exceeds the pool. */
    public double inOrderAt(int n) {
        return n >= 1 && n <= poolSize ? inOrder[n - 1] : Double.NaN;
    }

    /** The smallest N whose random-subset rate reaches the target, searched over the whole pool. */
    public OptionalInt smallestN(double target) {
        return DetectionCurves.smallestN(randomSubsets, target);
    }

    /** The smallest N whose in-order rate reaches the target. */
    public OptionalInt smallestNInOrder(double target) {
        return DetectionCurves.smallestN(inOrder, target);
    }

    /** The fraction of copies that at least one pool sample detected. */
    public double anyDetected() {
        return randomSubsets[poolSize - 1];
    }
}
