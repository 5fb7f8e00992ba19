package dev.sensiprint.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.tensor.FloatTensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SamplePreviewTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static FloatTensor filled(int[] shape, float value) {
        FloatTensor t = FloatTensor.zeros(shape);
        java.util.Arrays.fill(t.data(), value);
        return t;
    }

    @Test
    void tinyGreyImageIsEnlargedByAnIntegerFactorIntoThreePanels() throws IOException {
        int[] shape = {1, 28, 28};
        BufferedImage image =
                decode(SamplePreview.png(filled(shape, 0.5f), filled(shape, 0.25f), 0f, 1f));
        // 128 / 28 = 4: each panel 112 px, two 4-px gaps.
        assertThat(image.getHeight()).isEqualTo(112);
        assertThat(image.getWidth()).isEqualTo(3 * 112 + 2 * SamplePreview.GAP);
        assertThat(image.getColorModel().getNumComponents()).isEqualTo(1);
    }

    @Test
    void panelsShowSeedSampleAndAmplifiedDifference() throws IOException {
        int[] shape = {1, 2, 2};
        FloatTensor seed = new FloatTensor(shape, new float[] {0f, 0.5f, 1f, 0.5f});
        FloatTensor sample = new FloatTensor(shape, new float[] {0.01f, 0.5f, 1f, 0.52f});
        BufferedImage image = decode(SamplePreview.png(sample, seed, 0f, 1f));
        int scale = 64; // 128 / 2
        int panel = 2 * scale + SamplePreview.GAP;
        assertThat(image.getRaster().getSample(0, 0, 0)).isEqualTo(0); // seed 0.0
        assertThat(image.getRaster().getSample(scale, scale, 0)).isEqualTo(128); // seed 0.5
        assertThat(image.getRaster().getSample(panel, 0, 0)).isEqualTo(3); // sample 0.01
        // Difference: 0.01, 0, 0, 0.02 -> the largest (0.02) is white, 0.01 is mid-grey.
        assertThat(image.getRaster().getSample(2 * panel + scale, scale, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(2 * panel, 0, 0)).isBetween(127, 128);
        assertThat(image.getRaster().getSample(2 * panel + scale, 0, 0)).isEqualTo(0);
        assertThat(image.getRaster().getSample(2 * scale, 0, 0)).isEqualTo(255); // gap
    }

    @Test
    void threeChannelsAreShownInColour() throws IOException {
        int[] shape = {3, 1, 1};
        FloatTensor sample = new FloatTensor(shape, new float[] {1f, 0f, 0.5f});
        BufferedImage image = decode(SamplePreview.png(sample, null, 0f, 1f));
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0080);
    }

    @Test
    void otherChannelCountsShowTheFirstChannelInGrey() throws IOException {
        int[] shape = {2, 1, 1};
        FloatTensor sample = new FloatTensor(shape, new float[] {0.2f, 0.9f});
        BufferedImage image = decode(SamplePreview.png(sample, null, 0f, 1f));
        assertThat(image.getColorModel().getNumComponents()).isEqualTo(1);
        assertThat(image.getRaster().getSample(0, 0, 0)).isEqualTo(51);
    }

    @Test
    void withoutSeedOnlyTheSampleIsShown() throws IOException {
        BufferedImage image =
                decode(SamplePreview.png(filled(new int[] {1, 32, 32}, 0f), null, 0f, 1f));
        assertThat(image.getWidth()).isEqualTo(128);
        assertThat(image.getHeight()).isEqualTo(128);
    }

    @Test
    void valuesAreMappedFromTheModelsRange() throws IOException {
        FloatTensor sample = new FloatTensor(new int[] {1, 1, 2}, new float[] {-1f, 1f});
        BufferedImage image = decode(SamplePreview.png(sample, null, -1f, 1f));
        assertThat(image.getRaster().getSample(0, 0, 0)).isEqualTo(0);
        assertThat(image.getRaster().getSample(127, 0, 0)).isEqualTo(255);
    }

    @Test
    void imageAndPngShowTheSamePixels() throws IOException {
        int[] shape = {3, 5, 7};
        FloatTensor seed = filled(shape, 0.3f);
        FloatTensor sample = filled(shape, 0.35f);
        sample.data()[4] = 0.9f;
        BufferedImage fromPng = decode(SamplePreview.png(sample, seed, 0f, 1f));
        BufferedImage direct = SamplePreview.image(sample, seed, 0f, 1f);
        assertThat(direct.getWidth()).isEqualTo(fromPng.getWidth());
        for (int y = 0; y < direct.getHeight(); y += 3) {
            for (int x = 0; x < direct.getWidth(); x += 3) {
                assertThat(direct.getRGB(x, y)).isEqualTo(fromPng.getRGB(x, y));
            }
        }
    }
}
