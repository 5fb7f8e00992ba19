package dev.sensiprint.preview;

import dev.sensiprint.tensor.FloatTensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A picture of one sample for humans: seed | sample | amplified difference, side by side.
 *
 * <p>Pixel values map linearly from the model's value range to 0..255. The difference panel shows
 * |sample − seed| scaled so that the largest difference is 255, because the changes a sensitive
 * sample makes are usually too small to see. Three-channel inputs are shown in colour, every other
 * channel count as grey (the first channel). Small images are enlarged by an integer factor with
 * nearest-neighbour sampling, so a 28×28 digit is still visible. Without a seed only the sample is
 * shown.
 *
 * <p>Shapes are read as {@code [C, H, W]}; rank 2 is {@code [H, W]}, rank 1 a single row, and for
 * rank 4 and up the middle dimensions are stacked vertically.
 */
public final class SamplePreview {

    /** Images are enlarged until their longer side would exceed this many pixels. */
    public static final int TARGET_SIDE = 128;

    /** White space between panels, in pixels. */
    public static final int GAP = 4;

    private final int channels;
    private final int planeHeight;
    private final int planeWidth;
    private final int scale;
    private final int panels;

    private SamplePreview(int[] shape, boolean withSeed) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("cannot draw a scalar");
        }
        int c = shape.length >= 3 ? shape[0] : 1;
        long h = 1;
        for (int i = shape.length >= 3 ? 1 : 0; i < shape.length - 1; i++) {
            h *= shape[i];
        }
        int w = shape[shape.length - 1];
        if (c < 1 || h < 1 || w < 1 || h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot draw shape " + Arrays.toString(shape));
        }
        this.channels = c;
        this.planeHeight = (int) h;
        this.planeWidth = w;
        this.scale = Math.max(1, TARGET_SIDE / Math.max(planeHeight, planeWidth));
        this.panels = withSeed ? 3 : 1;
    }

    /** The PNG bytes of the preview (deterministic, see {@link PngEncoder}). */
    public static byte[] png(FloatTensor sample, FloatTensor seed, float valueMin, float valueMax) {
        SamplePreview layout = new SamplePreview(sample.shape(), seed != null);
        byte[] pixels = layout.draw(sample, seed, valueMin, valueMax);
        return PngEncoder.encode(layout.width(), layout.height(), layout.outChannels(), pixels);
    }

    /** The preview as an image, for reports. */
    public static BufferedImage image(
            FloatTensor sample, FloatTensor seed, float valueMin, float valueMax) {
        SamplePreview layout = new SamplePreview(sample.shape(), seed != null);
        byte[] pixels = layout.draw(sample, seed, valueMin, valueMax);
        int w = layout.width();
        int h = layout.height();
        BufferedImage image =
                new BufferedImage(
                        w,
                        h,
                        layout.outChannels() == 1
                                ? BufferedImage.TYPE_BYTE_GRAY
                                : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb;
                if (layout.outChannels() == 1) {
                    int g = pixels[y * w + x] & 0xFF;
                    rgb = g << 16 | g << 8 | g;
                } else {
                    int at = (y * w + x) * 3;
                    rgb =
                            (pixels[at] & 0xFF) << 16
                                    | (pixels[at + 1] & 0xFF) << 8
                                    | pixels[at + 2] & 0xFF;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** An upper bound on the size of {@link #png} for an input of this shape. */
    public static long maxPngSize(int[] shape, boolean withSeed) {
        SamplePreview layout = new SamplePreview(shape, withSeed);
        return PngEncoder.maxEncodedSize(layout.width(), layout.height(), layout.outChannels());
    }

    private int outChannels() {
        return channels == 3 ? 3 : 1;
    }

    private int panelWidth() {
        return Math.multiplyExact(planeWidth, scale);
    }

    private int width() {
        return Math.addExact(
                Math.multiplyExact(panelWidth(), panels), Math.multiplyExact(GAP, panels - 1));
    }

    private int height() {
        return Math.multiplyExact(planeHeight, scale);
    }

    private byte[] draw(FloatTensor sample, FloatTensor seed, float valueMin, float valueMax) {
        int w = width();
        int oc = outChannels();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, height()), oc)];
        Arrays.fill(out, (byte) 0xFF);
        double range = (double) valueMax - valueMin;
        if (seed == null) {
            drawPanel(out, 0, plane(sample.data(), v -> level((v - valueMin) / range)));
            return out;
        }
        float[] diff = new float[sample.size()];
        double largest = 0;
        for (int c = 0; c < oc; c++) {
            for (int i = c * planeHeight * planeWidth;
                    i < (c + 1) * planeHeight * planeWidth;
                    i++) {
                diff[i] = Math.abs(sample.data()[i] - seed.data()[i]);
                largest = Math.max(largest, diff[i]);
            }
        }
        double maxDiff = largest;
        drawPanel(out, 0, plane(seed.data(), v -> level((v - valueMin) / range)));
        drawPanel(out, 1, plane(sample.data(), v -> level((v - valueMin) / range)));
        drawPanel(out, 2, plane(diff, v -> maxDiff > 0 ? level(v / maxDiff) : 0));
        return out;
    }

    private interface ToLevel {
        int apply(double value);
    }

    /** The displayed channels as 0..255 levels, [channel][y * planeWidth + x]. */
    private int[][] plane(float[] values, ToLevel toLevel) {
        int size = planeHeight * planeWidth;
        int[][] levels = new int[outChannels()][size];
        for (int c = 0; c < levels.length; c++) {
            for (int i = 0; i < size; i++) {
                levels[c][i] = toLevel.apply(values[c * size + i]);
            }
        }
        return levels;
    }

    private void drawPanel(byte[] out, int panel, int[][] levels) {
        int w = width();
        int oc = outChannels();
        int left = panel * (panelWidth() + GAP);
        for (int y = 0; y < height(); y++) {
            int sy = y / scale;
            for (int x = 0; x < panelWidth(); x++) {
                int sx = x / scale;
                int at = (y * w + left + x) * oc;
                for (int c = 0; c < oc; c++) {
                    out[at + c] = (byte) levels[c][sy * planeWidth + sx];
                }
            }
        }
    }

    private static int level(double fraction) {
        long v = Math.round(fraction * 255);
        return (int) Math.max(0, Math.min(255, v));
    }
}
