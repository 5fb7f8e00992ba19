package dev.sensiprint.evaluation;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.verify.Comparison;
import dev.sensiprint.verify.OutputComparator;
import java.util.List;

/**
 * Compares a pool's answers with its expected outputs through core's comparators, exactly as {@code
 * verify} would: label mode by rank, probs mode within the pool's calibrated tolerance.
 */
final class PoolComparators {

    private final SamplePool pool;
    private final OutputComparator label;
    private final OutputComparator probs;

    PoolComparators(SamplePool pool, OutputKind kind) {
        this.pool = pool;
        int topK = Math.min(5, pool.samples().get(0).expected().size());
        ComparisonSettings s =
                new ComparisonSettings(
                        ComparisonMode.PROBS,
                        topK,
                        pool.tolerance(),
                        pool.calibration().noiseFloor());
        this.label = OutputComparator.forMode(ComparisonMode.LABEL, s, kind);
        this.probs = OutputComparator.forMode(ComparisonMode.PROBS, s, kind);
    }

    /** Per sample, whether its answer is flagged (not matched), written into the two arrays. */
    Flags flags(List<FloatTensor> answers) {
        List<FingerprintSample> samples = pool.samples();
        boolean[] l = new boolean[samples.size()];
        boolean[] p = new boolean[samples.size()];
        int notComparable = 0;
        for (int i = 0; i < samples.size(); i++) {
            Comparison cl = label.compare(samples.get(i), answers.get(i));
            Comparison cp = probs.compare(samples.get(i), answers.get(i));
            // A verdict with an answer that cannot be compared is INCONCLUSIVE, never INTACT:
            // the owner is alerted either way.
            l[i] = !(cl instanceof Comparison.Matched);
            p[i] = !(cp instanceof Comparison.Matched);
            if (cl instanceof Comparison.NotComparable) {
                notComparable++;
            }
        }
        return new Flags(l, p, notComparable);
    }

    record Flags(boolean[] label, boolean[] probs, int notComparable) {
        static int count(boolean[] f) {
            int c = 0;
            for (boolean b : f) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }
}
