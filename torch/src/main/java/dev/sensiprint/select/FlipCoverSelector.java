package dev.sensiprint.select;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the fingerprint set jointly for label-only verification (issue 7): given which candidate
 * flips its top-1 label under which simulated weight change, pick greedily the candidate with the
 * largest expected gain, where a change already caught c times is worth 2^-c.
 *
 * <p>Sample-by-sample choice cannot beat the ~50 % ceiling of sign-symmetric changes (only a
 * margin's decrease flips a label, method.md §7); a set chosen jointly can, because it prefers a
 * sample that flips exactly when the ones already chosen do not. The halving keeps the greedy
 * choosing after every simulated change is caught once: a second catch makes the set robust to
 * changes the simulation did not draw.
 */
public final class FlipCoverSelector {

    private FlipCoverSelector() {}

    /**
     * The chosen candidates.
     *
     * @param chosen indices into the candidates, in order of choice
     * @param caughtAfter the fraction of simulated changes caught by the first k+1 chosen
     */
    public record Selection(List<Integer> chosen, List<Double> caughtAfter) {

        /** The fraction of simulated changes the whole set catches. */
        public double caught() {
            return caughtAfter.isEmpty() ? 0 : caughtAfter.get(caughtAfter.size() - 1);
        }

        /**
         * The chosen units' members in order of choice, for units of {@code unit} adjacent samples:
         * unit k holds samples k·unit to k·unit + unit − 1 (a boundary pair: anchor, then twin).
         */
        public int[] members(int unit) {
            int[] out = new int[chosen.size() * unit];
            for (int k = 0; k < chosen.size(); k++) {
                for (int m = 0; m < unit; m++) {
                    out[k * unit + m] = chosen.get(k) * unit + m;
                }
            }
            return out;
        }
    }

    /**
     * The flips of units of several samples queried together (boundary pairs): a unit catches a
     * change when any of its members flips.
     *
     * @param flips flips[i][p]: sample i's label flips under simulated change p
     * @param members members[u]: the samples (rows of {@code flips}) of unit u
     * @return flips[u][p] for each unit u
     */
    public static boolean[][] anyMember(boolean[][] flips, int[][] members) {
        boolean[][] out = new boolean[members.length][];
        for (int u = 0; u < members.length; u++) {
            out[u] = flips[members[u][0]].clone();
            for (int m = 1; m < members[u].length; m++) {
                boolean[] row = flips[members[u][m]];
                for (int p = 0; p < out[u].length; p++) {
                    out[u][p] |= row[p];
                }
            }
        }
        return out;
    }

    /**
     * Selects {@code count} candidates.
     *
     * @param flips flips[i][p]: candidate i's label flips under simulated change p
     * @param tieBreak larger is better among candidates of equal gain (e.g. sensitivity)
     * @throws IllegalArgumentException on ragged input or a count outside 1..candidates
     */
    public static Selection select(boolean[][] flips, double[] tieBreak, int count) {
        int n = flips.length;
        if (count < 1 || count > n || tieBreak.length != n) {
            throw new IllegalArgumentException(
                    "cannot choose "
                            + count
                            + " of "
                            + n
                            + " candidates with "
                            + tieBreak.length
                            + " tie-breaks");
        }
        int changes = n == 0 ? 0 : flips[0].length;
        for (boolean[] row : flips) {
            if (row.length != changes) {
                throw new IllegalArgumentException("every candidate needs one flag per change");
            }
        }
        int[] catches = new int[changes];
        boolean[] taken = new boolean[n];
        List<Integer> chosen = new ArrayList<>(count);
        List<Double> caughtAfter = new ArrayList<>(count);
        int caught = 0;
        for (int round = 0; round < count; round++) {
            int best = -1;
            double bestGain = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double gain = 0;
                for (int p = 0; p < changes; p++) {
                    if (flips[i][p]) {
                        gain += Math.scalb(1.0, -catches[p]);
                    }
                }
                if (gain > bestGain || (gain == bestGain && tieBreak[i] > tieBreak[best])) {
                    best = i;
                    bestGain = gain;
                }
            }
            taken[best] = true;
            chosen.add(best);
            for (int p = 0; p < changes; p++) {
                if (flips[best][p] && catches[p]++ == 0) {
                    caught++;
                }
            }
            caughtAfter.add(changes == 0 ? 0 : (double) caught / changes);
        }
        return new Selection(List.copyOf(chosen), List.copyOf(caughtAfter));
    }
}
