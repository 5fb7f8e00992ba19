package dev.sensiprint.data;

import dev.sensiprint.tensor.FloatTensor;

/**
 * One image of a dataset with its class.
 *
 * <p>An image without a class (a loose file in a folder dataset, an IDX image file without its
 * label file) carries {@link #UNLABELLED}, -1: a plain int rather than an {@code OptionalInt} keeps
 * labels cheap to store and compare, and -1 can never be mistaken for a class index.
 *
 * @param image float32, shape C×H×W, values in [0, 1]
 * @param label class index in {@code 0..numClasses-1}, or {@link #UNLABELLED}
 */
public record LabeledImage(FloatTensor image, int label) {

    /** The label of an image whose class is not known. */
    public static final int UNLABELLED = -1;

    public LabeledImage {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        if (image.rank() != 3) {
            throw new IllegalArgumentException("image must be C×H×W, got " + image);
        }
        if (label < UNLABELLED) {
            throw new IllegalArgumentException("label must be a class index or -1, got " + label);
        }
    }

    public boolean hasLabel() {
        return label != UNLABELLED;
    }
}
