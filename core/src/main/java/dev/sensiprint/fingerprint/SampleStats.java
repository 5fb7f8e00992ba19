package dev.sensiprint.fingerprint;

/**
 * What generation measured about one sample (method.md §3). A quantity that does not apply, such as
 * the sensitivity of a natural image that was never optimised, is {@link Double#NaN}.
 *
 * @param seedSensitivity S(x0) of the natural seed image
 * @param sensitivity S(x) of the sample
 * @param rmsChange root-mean-square pixel change from the seed
 * @param linfChange largest absolute pixel change from the seed
 * @param psnr peak signal-to-noise ratio against the seed, in dB (infinite when unchanged)
 * @param ssim structural similarity against the seed
 */
public record SampleStats(
        double seedSensitivity,
        double sensitivity,
        double rmsChange,
        double linfChange,
        double psnr,
        double ssim) {

    public static final SampleStats UNKNOWN =
            new SampleStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** S(x) / S(x0), NaN when either is unknown. */
    public double gain() {
        return sensitivity / seedSensitivity;
    }
}
