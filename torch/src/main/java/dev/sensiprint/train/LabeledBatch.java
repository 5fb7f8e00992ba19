package dev.sensiprint.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.ImageShape;
import dev.sensiprint.data.LabeledImage;
import java.util.Arrays;

/**
 * A batch of images and their labels on the host, in NCHW order, ready to become arrays.
 *
 * @param pixels N·C·H·W values, row-major
 * @param labels N class indices
 */
public record LabeledBatch(ImageShape shape, float[] pixels, int[] labels) {

    public LabeledBatch {
        if (pixels.length != labels.length * shape.valueCount()) {
            throw new IllegalArgumentException(
                    pixels.length + " values for " + labels.length + " images of " + shape);
        }
    }

    /**
     * The images of {@code data} at {@code indices}, which must all be labelled.
     *
     * @throws IllegalArgumentException naming the first unlabelled image
     */
    public static LabeledBatch of(ImageDataset data, int[] indices) {
        ImageShape shape = data.imageShape();
        int n = shape.valueCount();
        float[] pixels = new float[indices.length * n];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            LabeledImage li = data.get(indices[i]);
            if (!li.hasLabel()) {
                throw new IllegalArgumentException(
                        "image " + indices[i] + " of " + data.description() + " has no label");
            }
            System.arraycopy(li.image().data(), 0, pixels, i * n, n);
            labels[i] = li.label();
        }
        return new LabeledBatch(shape, pixels, labels);
    }

    /** The images of {@code a} followed by those of {@code b}. */
    public static LabeledBatch concat(LabeledBatch a, LabeledBatch b) {
        if (!a.shape.equals(b.shape)) {
            throw new IllegalArgumentException(a.shape + " and " + b.shape + " images do not mix");
        }
        float[] p = Arrays.copyOf(a.pixels, a.pixels.length + b.pixels.length);
        System.arraycopy(b.pixels, 0, p, a.pixels.length, b.pixels.length);
        int[] l = Arrays.copyOf(a.labels, a.labels.length + b.labels.length);
        System.arraycopy(b.labels, 0, l, a.labels.length, b.labels.length);
        return new LabeledBatch(a.shape, p, l);
    }

    public int size() {
        return labels.length;
    }

    /** The pixels as an N×C×H×W float32 array (contiguous, as scripted models need). */
    public NDArray images(NDManager m) {
        return m.create(
                pixels, new Shape(labels.length, shape.channels(), shape.height(), shape.width()));
    }

    /** The labels as an N int64 array (what PyTorch's gather and cross entropy take). */
    public NDArray labelArray(NDManager m) {
        return m.create(Arrays.stream(labels).asLongStream().toArray());
    }
}
