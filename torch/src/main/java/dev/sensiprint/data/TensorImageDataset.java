package dev.sensiprint.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images already decoded to float tensors (folder datasets, whose files may hold 16-bit values).
 */
final class TensorImageDataset implements ImageDataset {

    private final String description;
    private final ImageShape shape;
    private final List<LabeledImage> images;
    private final List<String> classNames;

    TensorImageDataset(
            String description,
            ImageShape shape,
            List<LabeledImage> images,
            List<String> classNames) {
        this.description = Objects.requireNonNull(description);
        this.shape = Objects.requireNonNull(shape);
        this.images = List.copyOf(images);
        this.classNames = List.copyOf(classNames);
        int[] expected = shape.toArray();
        for (LabeledImage image : this.images) {
            if (!Arrays.equals(image.image().shape(), expected)) {
                throw new IllegalArgumentException(image.image() + " is not " + shape);
            }
            if (image.label() >= this.classNames.size()) {
                throw new IllegalArgumentException(
                        "label " + image.label() + " outside 0.." + (this.classNames.size() - 1));
            }
        }
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public LabeledImage get(int index) {
        return images.get(index);
    }

    @Override
    public ImageShape imageShape() {
        return shape;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " (" + size() + " images of " + shape + ")";
    }
}
