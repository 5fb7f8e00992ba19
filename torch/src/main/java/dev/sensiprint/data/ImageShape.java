package dev.sensiprint.data;

/**
 * The shape of one image in channel-first order (C×H×W), as a model takes it without the batch
 * dimension.
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image dimensions must be positive: " + channels + "×" + height + "×" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "image " + channels + "×" + height + "×" + width + " is too large");
        }
    }

    /** Values in one image: C·H·W. */
    public int valueCount() {
        return channels * height * width;
    }

    /** {@code [C, H, W]}, the shape of the image's {@link dev.sensiprint.tensor.FloatTensor}. */
    public int[] toArray() {
        return new int[] {channels, height, width};
    }

    /** "3×32×32". */
    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
