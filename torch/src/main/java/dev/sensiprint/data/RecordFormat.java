package dev.sensiprint.data;

import java.util.List;
import java.util.Optional;

/**
 * The geometry of a labelled-record file in the CIFAR-10 binary layout: each record is one label
 * byte followed by the image's bytes channel after channel (all of R, then G, then B; rows top to
 * bottom within a channel). CIFAR-10 and the GTSRB file in ../shared/data differ only in image size
 * and class count, so one reader takes one of these.
 *
 * @param name the format name used on the command line ({@code cifar10:FILE})
 * @param shape the image of one record
 * @param classNames indexed by label; labels must be below their count
 */
public record RecordFormat(String name, ImageShape shape, List<String> classNames) {

    /** CIFAR-10 binary version (Krizhevsky 2009): 1 + 3×32×32 = 3,073 bytes per record. */
    public static final RecordFormat CIFAR10 =
            new RecordFormat(
                    "cifar10",
                    new ImageShape(3, 32, 32),
                    List.of(
                            "airplane",
                            "automobile",
                            "bird",
                            "cat",
                            "deer",
                            "dog",
                            "frog",
                            "horse",
                            "ship",
                            "truck"));

    /** GTSRB resized to 35×35 RGB, 43 classes: 1 + 3×35×35 = 3,676 bytes per record. */
    public static final RecordFormat GTSRB35 =
            new RecordFormat("gtsrb", new ImageShape(3, 35, 35), ClassNames.numbered(43));

    /** The formats recognised by name and by file length, in the order they are tried. */
    public static final List<RecordFormat> KNOWN = List.of(CIFAR10, GTSRB35);

    public RecordFormat {
        if (name == null || name.isBlank() || shape == null || classNames == null) {
            throw new IllegalArgumentException("record format needs a name, a shape and classes");
        }
        classNames = List.copyOf(classNames);
        if (classNames.isEmpty() || classNames.size() > 256) {
            throw new IllegalArgumentException(
                    "a one-byte label indexes 1 to 256 classes, not " + classNames.size());
        }
    }

    /** Bytes per record: the label byte and the image. */
    public int recordLength() {
        return 1 + shape.valueCount();
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The known format with this name (case-insensitive). */
    public static Optional<RecordFormat> named(String name) {
        return KNOWN.stream().filter(f -> f.name.equalsIgnoreCase(name)).findFirst();
    }
}
