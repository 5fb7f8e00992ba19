package dev.sensiprint.cli;

import dev.sensiprint.generate.GeneratedSample;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.stats.Median;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What generation did to every candidate, chosen or not: the figures that say whether the ascent
 * works on a model (median gain S(x)/S(x0), closeness to the seed, labels kept), where the
 * fingerprint's own medians describe only the few samples selection picked.
 */
record CandidateSummary(
        int count, double medianGain, double medianPsnr, double medianSsim, int labelsKept) {

    static CandidateSummary of(List<GeneratedSample> candidates, double peak) {
        return new CandidateSummary(
                candidates.size(),
                median(candidates, GeneratedSample::gain),
                median(candidates, g -> ImageQuality.psnr(g.sample(), g.seed(), peak)),
                median(candidates, g -> ImageQuality.ssim(g.sample(), g.seed(), peak)),
                (int) candidates.stream().filter(GeneratedSample::labelKept).count());
    }

    private static double median(
            List<GeneratedSample> candidates, ToDoubleFunction<GeneratedSample> f) {
        return Median.of(candidates.stream().mapToDouble(f).toArray());
    }
}
