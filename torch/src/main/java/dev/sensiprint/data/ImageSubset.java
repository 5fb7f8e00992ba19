package dev.sensiprint.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Some images of another dataset, by index (a train/test split, a held-out part); nothing is
 * copied.
 */
public final class ImageSubset implements ImageDataset {

    private final ImageDataset base;
    private final int[] indices;
    private final String description;

    /**
     * @param indices indices into {@code base}, in the order this subset lists them
     * @param what appended to the base's description, e.g. {@code "train split"}
     * @throws IllegalArgumentException if an index is outside {@code base}
     */
    public ImageSubset(ImageDataset base, int[] indices, String what) {
        this.base = Objects.requireNonNull(base);
        this.indices = indices.clone();
        for (int i : this.indices) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException(
                        "index " + i + " outside 0.." + (base.size() - 1));
            }
        }
        this.description = base.description() + ", " + what;
    }

    /** The images of {@code base} whose index satisfies {@code keep}. */
    public static ImageSubset where(
            ImageDataset base, java.util.function.IntPredicate keep, String what) {
        int[] idx = java.util.stream.IntStream.range(0, base.size()).filter(keep).toArray();
        return new ImageSubset(base, idx, what);
    }

    /** The index in the base dataset of this subset's image {@code i}. */
    public int baseIndex(int i) {
        return indices[i];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public LabeledImage get(int index) {
        return base.get(indices[index]);
    }

    @Override
    public ImageShape imageShape() {
        return base.imageShape();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " " + Arrays.toString(Arrays.copyOf(indices, Math.min(5, size())));
    }
}
