package dev.sensiprint.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sensiprint.tensor.FloatTensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageQualityTest {

    private static FloatTensor random(long seed, int c, int h, int w) {
        Random r = new Random(seed);
        float[] v = new float[c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return new FloatTensor(new int[] {c, h, w}, v);
    }

    private static FloatTensor shifted(FloatTensor t, float delta) {
        float[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += delta;
        }
        return new FloatTensor(t.shape(), v);
    }

    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() {
        FloatTensor a = random(1, 3, 32, 32);
        assertThat(ImageQuality.psnr(a, a, 1)).isInfinite();
        assertThat(ImageQuality.ssim(a, a, 1)).isCloseTo(1.0, within(1e-12));
        assertThat(ImageQuality.rms(a, a)).isZero();
    }

    @Test
    void uniformShiftGivesKnownRmsLinfAndPsnr() {
        FloatTensor a = random(2, 1, 28, 28);
        FloatTensor b = shifted(a, 0.1f);
        assertThat(ImageQuality.rms(a, b)).isCloseTo(0.1, within(1e-6));
        assertThat(ImageQuality.linf(a, b)).isCloseTo(0.1, within(1e-6));
        assertThat(ImageQuality.psnr(a, b, 1)).isCloseTo(20.0, within(1e-4));
    }

    @Test
    void ssimFallsAsNoiseGrows() {
        FloatTensor a = random(3, 1, 28, 28);
        Random r = new Random(4);
        float[] small = a.data().clone();
        float[] large = a.data().clone();
        for (int i = 0; i < small.length; i++) {
            double n = r.nextGaussian();
            small[i] += (float) (0.01 * n);
            large[i] += (float) (0.2 * n);
        }
        double sSmall = ImageQuality.ssim(a, new FloatTensor(a.shape(), small), 1);
        double sLarge = ImageQuality.ssim(a, new FloatTensor(a.shape(), large), 1);
        assertThat(sSmall).isLessThan(1).isGreaterThan(sLarge);
        assertThat(sLarge).isLessThan(0.9);
    }

    @Test
    void ssimWorksOnImagesSmallerThanTheWindow() {
        FloatTensor a = random(5, 1, 6, 6);
        assertThat(ImageQuality.ssim(a, shifted(a, 0.05f), 1)).isBetween(0.0, 1.0);
    }
}
