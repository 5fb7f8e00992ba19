package dev.sensiprint.data;

import static dev.sensiprint.data.TestBytes.ascii;
import static dev.sensiprint.data.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    private static final int W = 4;
    private static final int H = 3;

    @TempDir Path dir;

    private final Random random = new Random(7);

    @Test
    void classSubFoldersOfPngsRoundTripExactValuesLabelsAndNames() throws IOException {
        BufferedImage a = randomImage(BufferedImage.TYPE_INT_RGB);
        BufferedImage b = randomImage(BufferedImage.TYPE_INT_RGB);
        BufferedImage c = randomImage(BufferedImage.TYPE_INT_RGB);
        png(a, "cat/a.png");
        png(b, "cat/b.png");
        png(c, "dog/c.png");

        ImageDataset ds = Datasets.open(dir.toString());

        assertThat(ds.classNames()).containsExactly("cat", "dog");
        assertThat(ds.imageShape()).isEqualTo(new ImageShape(3, H, W));
        assertThat(DatasetAssertions.labels(ds, 3)).containsExactly(0, 0, 1);
        assertThat(ds.get(0).image().data()).containsExactly(rgbPlanes(a));
        assertThat(ds.get(1).image().data()).containsExactly(rgbPlanes(b));
        assertThat(ds.get(2).image().data()).containsExactly(rgbPlanes(c));
    }

    @Test
    void greyPgmBinaryPgmPlainAndGreyPngShareOneFolderAsUnlabelledImages() throws IOException {
        BufferedImage grey = randomImage(BufferedImage.TYPE_BYTE_GRAY);
        png(grey, "c.png");
        byte[] samples = new byte[W * H];
        random.nextBytes(samples);
        write("a.pgm", concat(ascii("P5\n" + W + " " + H + "\n255\n"), samples));
        StringBuilder plain = new StringBuilder("P2\n" + W + " " + H + "\n65535\n");
        int[] wide = new int[W * H];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = random.nextInt(65536);
            plain.append(wide[i]).append(i % W == W - 1 ? "\n" : " ");
        }
        write("b.pgm", ascii(plain.toString()));

        ImageDataset ds = Datasets.open("folder:" + dir);

        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.imageShape()).isEqualTo(new ImageShape(1, H, W));
        assertThat(ds.numClasses()).isZero();
        assertThat(ds.get(0).label()).isEqualTo(LabeledImage.UNLABELLED);
        float[] a = ds.get(0).image().data();
        float[] b = ds.get(1).image().data();
        for (int i = 0; i < W * H; i++) {
            assertThat(a[i]).isEqualTo((samples[i] & 0xFF) / 255f);
            assertThat(b[i]).isEqualTo(wide[i] / 65535f);
        }
        assertThat(ds.get(2).image().data()).containsExactly(greyPlane(grey));
    }

    @Test
    void colourPpmAndRgbPngShareOneFolder() throws IOException {
        byte[] samples = new byte[3 * W * H];
        random.nextBytes(samples);
        write("signs/x.ppm", concat(ascii("P6 " + W + " " + H + " 255\n"), samples));
        BufferedImage rgb = randomImage(BufferedImage.TYPE_3BYTE_BGR);
        png(rgb, "signs/y.png");

        ImageDataset ds = Datasets.open(dir.toString());

        float[] x = ds.get(0).image().data();
        for (int p = 0; p < W * H; p++) {
            for (int ch = 0; ch < 3; ch++) {
                assertThat(x[ch * W * H + p]).isEqualTo((samples[3 * p + ch] & 0xFF) / 255f);
            }
        }
        assertThat(ds.get(1).image().data()).containsExactly(rgbPlanes(rgb));
        assertThat(ds.classNames()).containsExactly("signs");
    }

    @Test
    void alphaIsDropped() throws IOException {
        BufferedImage argb = randomImage(BufferedImage.TYPE_INT_ARGB);
        png(argb, "a.png");

        ImageDataset ds = Datasets.open(dir.toString());

        assertThat(ds.imageShape()).isEqualTo(new ImageShape(3, H, W));
        assertThat(ds.get(0).image().data()).containsExactly(rgbPlanes(argb));
    }

    @Test
    void sixteenBitGreyPngKeepsItsPrecision() throws IOException {
        BufferedImage wide = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        int[] values = new int[W * H];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(65536);
            wide.getRaster().setSample(i % W, i / W, 0, values[i]);
        }
        png(wide, "w.png");

        float[] data = Datasets.open(dir.toString()).get(0).image().data();

        for (int i = 0; i < values.length; i++) {
            assertThat(data[i]).isEqualTo(values[i] / 65535f);
        }
    }

    @Test
    void jpegDecodesToThreeChannelsInTheUnitRange() throws IOException {
        BufferedImage rgb = randomImage(BufferedImage.TYPE_3BYTE_BGR);
        Files.createDirectories(dir);
        ImageIO.write(rgb, "jpg", dir.resolve("photo.jpg").toFile());

        ImageDataset ds = Datasets.open(dir.toString());

        assertThat(ds.imageShape()).isEqualTo(new ImageShape(3, H, W));
        DatasetAssertions.assertUnitRange(ds);
    }

    @Test
    void looseImagesComeFirstAndOtherFilesAreIgnored() throws IOException {
        png(randomImage(BufferedImage.TYPE_BYTE_GRAY), "z-loose.png");
        png(randomImage(BufferedImage.TYPE_BYTE_GRAY), "a/1.png");
        png(randomImage(BufferedImage.TYPE_BYTE_GRAY), "a/.hidden.png");
        write("a/README.txt", ascii("not an image"));
        png(randomImage(BufferedImage.TYPE_BYTE_GRAY), ".git/x.png");

        ImageDataset ds = Datasets.open(dir.toString());

        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.classNames()).containsExactly("a");
        assertThat(DatasetAssertions.labels(ds, 2)).containsExactly(LabeledImage.UNLABELLED, 0);
    }

    @Test
    void imageOfAnotherShapeIsNamed() throws IOException {
        png(randomImage(BufferedImage.TYPE_INT_RGB), "k/a.png");
        png(new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY), "k/b.png");

        assertThatThrownBy(() -> Datasets.open(dir.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        dir.resolve("k/b.png")
                                + ": image is 1×3×4 but the first image, "
                                + dir.resolve("k/a.png")
                                + ", is 3×3×4 (images of a folder dataset must share one shape)");
    }

    @Test
    void limitDecodesOnlyTheFirstImages() throws IOException {
        png(randomImage(BufferedImage.TYPE_INT_RGB), "a.png");
        write("b.png", ascii("not really a PNG"));

        ImageDataset first = Datasets.open(dir.toString(), 1);

        assertThat(first.size()).isEqualTo(1);
        assertThatThrownBy(() -> Datasets.open(dir.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        dir.resolve("b.png")
                                + ": not a readable image (supported: PNG, JPEG, PGM, PPM)");
    }

    @Test
    void damagedPngIsUnreadable() throws IOException {
        png(randomImage(BufferedImage.TYPE_INT_RGB), "a.png");
        byte[] bytes = Files.readAllBytes(dir.resolve("a.png"));
        write("a.png", java.util.Arrays.copyOf(bytes, bytes.length - 30));

        assertThatThrownBy(() -> Datasets.open(dir.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir.resolve("a.png") + ": unreadable image: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyFolderIsRejected() {
        assertThatThrownBy(() -> Datasets.open(dir.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(dir + ": holds no images (.png .jpg .jpeg .pgm .ppm .pnm)");
    }

    @Test
    void emptyClassFolderIsRejected() throws IOException {
        png(randomImage(BufferedImage.TYPE_INT_RGB), "a/x.png");
        Files.createDirectories(dir.resolve("b"));

        assertThatThrownBy(() -> Datasets.open(dir.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        dir.resolve("b")
                                + ": class folder holds no images (.png .jpg .jpeg .pgm .ppm .pnm)");
    }

    private BufferedImage randomImage(int type) {
        BufferedImage image = new BufferedImage(W, H, type);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    /** The expected tensor: R plane, G plane, B plane, from the image's stored 8-bit samples. */
    private static float[] rgbPlanes(BufferedImage image) {
        float[] out = new float[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    out[c * W * H + y * W + x] = image.getRaster().getSample(x, y, c) / 255f;
                }
            }
        }
        return out;
    }

    private static float[] greyPlane(BufferedImage image) {
        float[] out = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                out[y * W + x] = image.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return out;
    }

    private void png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
    }

    private void write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
