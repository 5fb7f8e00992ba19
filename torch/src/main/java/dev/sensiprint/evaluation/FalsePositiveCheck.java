package dev.sensiprint.evaluation;

import java.util.List;

/**
 * The clean model run under benign variation against one pool's expected outputs: every flagged
 * sample is a false positive.
 *
 * @param kind the pool
 * @param variations the variations run
 * @param labelFlags per variation, samples whose top-1 label differed
 * @param probsFlags per variation, samples outside the probs tolerance
 * @param poolSize samples in the pool
 */
public record FalsePositiveCheck(
        PoolKind kind, List<String> variations, int[] labelFlags, int[] probsFlags, int poolSize) {

    /**
     * The fraction of variations under which some sample flagged: an upper bound on the false
     * positive rate of any N-subset of the pool.
     */
    public double rate(boolean labelMode) {
        int[] flags = labelMode ? labelFlags : probsFlags;
        int any = 0;
        for (int f : flags) {
            if (f > 0) {
                any++;
            }
        }
        return (double) any / flags.length;
    }
}
