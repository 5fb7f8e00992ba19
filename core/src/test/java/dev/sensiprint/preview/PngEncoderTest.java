package dev.sensiprint.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO decodes the PNG").isNotNull();
        return image;
    }

    private static void assertPixels(BufferedImage image, int w, int h, int channels, byte[] px) {
        assertThat(image.getWidth()).isEqualTo(w);
        assertThat(image.getHeight()).isEqualTo(h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * channels;
                int expected =
                        channels == 1
                                ? px[at] & 0xFF
                                : (px[at] & 0xFF) << 16
                                        | (px[at + 1] & 0xFF) << 8
                                        | px[at + 2] & 0xFF;
                int actual =
                        channels == 1
                                ? image.getRaster().getSample(x, y, 0)
                                : image.getRGB(x, y) & 0xFFFFFF;
                assertThat(actual).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void randomGreyImageDecodesToTheSamePixels() throws IOException {
        byte[] px = new byte[37 * 23];
        new Random(1).nextBytes(px);
        assertPixels(decode(PngEncoder.encode(37, 23, 1, px)), 37, 23, 1, px);
    }

    @Test
    void randomRgbImageDecodesToTheSamePixels() throws IOException {
        byte[] px = new byte[19 * 11 * 3];
        new Random(2).nextBytes(px);
        assertPixels(decode(PngEncoder.encode(19, 11, 3, px)), 19, 11, 3, px);
    }

    @Test
    void longRunsAndRepeatedRowsDecodeCorrectly() throws IOException {
        // Runs of every length around the 258-byte match limit, and rows repeating the one above.
        int w = 700;
        int h = 6;
        byte[] px = new byte[w * h];
        int x = 0;
        for (int run = 1; x < w; run++) {
            for (int i = 0; i < run && x < w; i++) {
                px[x++] = (byte) (run * 37);
            }
            if (run == 12) {
                run = 254;
            }
        }
        System.arraycopy(px, 0, px, w, w);
        System.arraycopy(px, 0, px, 2 * w, w);
        for (int i = 3 * w; i < 4 * w; i++) {
            px[i] = (byte) 200;
        }
        byte[] png = PngEncoder.encode(w, h, 1, px);
        assertPixels(decode(png), w, h, 1, px);
        assertThat((long) png.length).isLessThan(w * h / 4);
    }

    @Test
    void sizeNeverExceedsTheDeclaredBound() {
        byte[] px = new byte[64 * 64 * 3];
        new Random(4).nextBytes(px);
        byte[] png = PngEncoder.encode(64, 64, 3, px);
        assertThat((long) png.length).isLessThanOrEqualTo(PngEncoder.maxEncodedSize(64, 64, 3));
    }
}
