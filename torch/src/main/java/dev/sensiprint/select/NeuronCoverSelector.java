package dev.sensiprint.select;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Maximum Active-Neuron Cover (method.md §4): from a pool of candidates, pick greedily the one that
 * adds the most not-yet-covered active neurons, breaking ties by higher sensitivity, until N are
 * chosen. A weight attached to a neuron inactive on every chosen sample cannot move any output to
 * first order, so covering neurons covers weights.
 */
public final class NeuronCoverSelector {

    private NeuronCoverSelector() {}

    /**
     * One candidate sample.
     *
     * @param active the neurons active (post-ReLU output > 0) on this sample
     * @param sensitivity S(x), the tie-break
     */
    public record Candidate(BitSet active, double sensitivity) {}

    /**
     * The chosen candidates in order of choice.
     *
     * @param chosen indices into the candidate list
     * @param coveredAfter neurons covered after each choice
     * @param neurons how many neurons there are
     */
    public record Selection(List<Integer> chosen, List<Integer> coveredAfter, int neurons) {

        /** Fraction of all neurons active on at least one chosen sample. */
        public double coveredFraction() {
            return coveredAfter.isEmpty()
                    ? 0
                    : (double) coveredAfter.get(coveredAfter.size() - 1) / neurons;
        }
    }

    /**
     * Selects {@code count} of the candidates.
     *
     * @param neurons the number of neurons the bit sets index
     * @throws IllegalArgumentException if {@code count} exceeds the pool
     */
    public static Selection select(List<Candidate> candidates, int count, int neurons) {
        if (count < 1 || count > candidates.size()) {
            throw new IllegalArgumentException(
                    "cannot choose " + count + " of " + candidates.size() + " candidates");
        }
        BitSet covered = new BitSet(neurons);
        boolean[] taken = new boolean[candidates.size()];
        List<Integer> chosen = new ArrayList<>(count);
        List<Integer> coveredAfter = new ArrayList<>(count);
        for (int round = 0; round < count; round++) {
            int best = -1;
            int bestGain = -1;
            for (int i = 0; i < candidates.size(); i++) {
                if (taken[i]) {
                    continue;
                }
                BitSet gain = (BitSet) candidates.get(i).active().clone();
                gain.andNot(covered);
                int g = gain.cardinality();
                if (g > bestGain
                        || (g == bestGain
                                && candidates.get(i).sensitivity()
                                        > candidates.get(best).sensitivity())) {
                    best = i;
                    bestGain = g;
                }
            }
            taken[best] = true;
            covered.or(candidates.get(best).active());
            chosen.add(best);
            coveredAfter.add(covered.cardinality());
        }
        return new Selection(List.copyOf(chosen), List.copyOf(coveredAfter), neurons);
    }

    /** The neuron cover of candidates chosen some other way, in their order of choice. */
    public static Selection coverOf(List<Candidate> candidates, List<Integer> chosen, int neurons) {
        BitSet covered = new BitSet(neurons);
        List<Integer> coveredAfter = new ArrayList<>(chosen.size());
        for (int i : chosen) {
            covered.or(candidates.get(i).active());
            coveredAfter.add(covered.cardinality());
        }
        return new Selection(List.copyOf(chosen), List.copyOf(coveredAfter), neurons);
    }
}
