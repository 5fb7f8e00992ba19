package dev.sensiprint.evaluation;

import java.util.List;

/**
 * The one margin band both margin pools were walked into (method.md §7), so that they are compared
 * at the same margin.
 *
 * @param factor K: the band is [K·f, W·K·f]
 * @param noiseFloor f
 * @param measured whether f was measured on the clean model (or declared with {@code
 *     --noise-floor})
 * @param low the band's lower edge, K·f
 * @param high the band's upper edge, W·K·f (W = 2 unless {@code --band-width} says otherwise)
 * @param variations the benign variations f was measured under; empty when declared
 * @param measuredOn how many samples f was measured on (the walks' starting points: the seeds and,
 *     when generated, the sensitive samples); 0 when declared
 */
public record PoolTuning(
        double factor,
        double noiseFloor,
        boolean measured,
        double low,
        double high,
        List<String> variations,
        int measuredOn) {

    public PoolTuning {
        variations = List.copyOf(variations);
    }

    /** Whether {@code margin} lies in the band. */
    public boolean contains(double margin) {
        return margin >= low && margin <= high;
    }
}
