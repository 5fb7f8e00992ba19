package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;

/**
 * LABEL (k = 1) and TOPK: the served output must rank the top-k classes as the genuine output did.
 *
 * <p>Precisely: for every class a in the expected top-k and every class b that the expected output
 * places strictly below a, the served output must also place b strictly below a. Two consequences,
 * both deliberate:
 *
 * <ul>
 *   <li>Ties in the expected output are "don't care": the order between two classes the genuine
 *       model scored equally (e.g. probabilities that both underflowed to 0) is not asked for, so
 *       benign noise that breaks such a tie is no alarm.
 *   <li>Ties in the served output where the expected order is strict count as a difference: a
 *       server answering a constant vector (all classes equal) has no top-1, and must not pass as
 *       "label unchanged".
 * </ul>
 *
 * A sample whose expected output orders nothing in its top-k (all values equal) cannot show a
 * difference in this mode and is reported not comparable rather than matched.
 */
final class RankComparator implements OutputComparator {

    private final int k;

    RankComparator(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public Comparison compare(FingerprintSample sample, FloatTensor received) {
        Comparison.NotComparable bad = Outputs.precheck(sample, received);
        if (bad != null) {
            return bad;
        }
        float[] e = sample.expected().data();
        float[] r = received.data();
        int kk = Math.min(k, e.length);
        int[] expectedOrder = Outputs.order(e);
        float kth = e[expectedOrder[kk - 1]];
        boolean ordersSomething = false;
        for (int a = 0; a < e.length; a++) {
            if (e[a] < kth) {
                continue;
            }
            for (int b = 0; b < e.length; b++) {
                if (e[a] > e[b]) {
                    ordersSomething = true;
                    if (!(r[a] > r[b])) {
                        return new Comparison.Differed(
                                new Mismatch(
                                        sample.id(),
                                        describe(),
                                        summary(expectedOrder, e, kk),
                                        summary(Outputs.order(r), r, kk)));
                    }
                }
            }
        }
        if (!ordersSomething) {
            return new Comparison.NotComparable(
                    "expected output scores its top classes equally; nothing to compare by "
                            + describe());
        }
        return new Comparison.Matched();
    }

    /** "label 3" or "[3, 1, 7]", with " (tie)" when the value after the k-th equals it. */
    private static String summary(int[] order, float[] v, int kk) {
        boolean tie = false;
        for (int i = 0; i + 1 < order.length && i < kk; i++) {
            if (v[order[i]] == v[order[i + 1]]) {
                tie = true;
                break;
            }
        }
        String s = kk == 1 ? "label " + order[0] : Arrays.toString(Arrays.copyOf(order, kk));
        return tie ? s + " (tie)" : s;
    }

    @Override
    public String describe() {
        return k == 1 ? "top-1 label" : "top-" + k + " labels";
    }
}
