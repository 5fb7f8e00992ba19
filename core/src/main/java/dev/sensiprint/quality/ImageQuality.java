package dev.sensiprint.quality;

import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;

/**
 * How far a sample is from its seed image, by the measures method.md §3 records: RMS and L∞ change,
 * PSNR and SSIM. Images are C×H×W tensors with values in [0, peak].
 */
public final class ImageQuality {

    // SSIM as Wang et al. (2004) define it: an 11×11 Gaussian window with σ = 1.5, K1 = 0.01,
    // K2 = 0.03, computed per channel over every window that fits, then averaged.
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double[] GAUSS = gaussian(WINDOW, SIGMA);

    private ImageQuality() {}

    /** Root-mean-square difference. */
    public static double rms(FloatTensor a, FloatTensor b) {
        return Math.sqrt(mse(a, b));
    }

    /** Largest absolute difference. */
    public static double linf(FloatTensor a, FloatTensor b) {
        requireSameShape(a, b);
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return max;
    }

    /** Peak signal-to-noise ratio in dB; positive infinity for identical images. */
    public static double psnr(FloatTensor a, FloatTensor b, double peak) {
        double mse = mse(a, b);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }

    /**
     * Mean structural similarity over channels and windows. Images smaller than the 11×11 window
     * use one window covering the whole image.
     */
    public static double ssim(FloatTensor a, FloatTensor b, double peak) {
        requireSameShape(a, b);
        if (a.rank() != 3) {
            throw new IllegalArgumentException("SSIM needs C×H×W images, got rank " + a.rank());
        }
        int c = a.shape()[0];
        int h = a.shape()[1];
        int w = a.shape()[2];
        int win = Math.min(WINDOW, Math.min(h, w));
        double[] kernel = win == WINDOW ? GAUSS : gaussian(win, SIGMA);
        double c1 = (K1 * peak) * (K1 * peak);
        double c2 = (K2 * peak) * (K2 * peak);
        double sum = 0;
        long count = 0;
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 0; y + win <= h; y++) {
                for (int x = 0; x + win <= w; x++) {
                    sum += windowSsim(a.data(), b.data(), base, w, y, x, win, kernel, c1, c2);
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static double windowSsim(
            float[] a,
            float[] b,
            int base,
            int w,
            int y0,
            int x0,
            int win,
            double[] k,
            double c1,
            double c2) {
        double ma = 0;
        double mb = 0;
        for (int dy = 0; dy < win; dy++) {
            for (int dx = 0; dx < win; dx++) {
                int i = base + (y0 + dy) * w + x0 + dx;
                double wt = k[dy] * k[dx];
                ma += wt * a[i];
                mb += wt * b[i];
            }
        }
        double va = 0;
        double vb = 0;
        double cov = 0;
        for (int dy = 0; dy < win; dy++) {
            for (int dx = 0; dx < win; dx++) {
                int i = base + (y0 + dy) * w + x0 + dx;
                double wt = k[dy] * k[dx];
                double da = a[i] - ma;
                double db = b[i] - mb;
                va += wt * da * da;
                vb += wt * db * db;
                cov += wt * da * db;
            }
        }
        return ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
    }

    private static double mse(FloatTensor a, FloatTensor b) {
        requireSameShape(a, b);
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = (double) a.data()[i] - b.data()[i];
            sum += d * d;
        }
        return sum / a.size();
    }

    private static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double d = i - (size - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    private static void requireSameShape(FloatTensor a, FloatTensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(
                    "shapes differ: "
                            + Arrays.toString(a.shape())
                            + " vs "
                            + Arrays.toString(b.shape()));
        }
    }
}
