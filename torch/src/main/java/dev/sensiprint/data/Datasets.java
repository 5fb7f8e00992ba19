package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens image datasets, from a command-line description or from explicit parts.
 *
 * <p>A description is {@code [FORMAT:]PATH}. With a format name:
 *
 * <ul>
 *   <li>{@code idx:IMAGES} an IDX image file; labels from the file named by the convention below;
 *   <li>{@code cifar10:FILE}, {@code gtsrb:FILE} a record file of that {@link RecordFormat};
 *   <li>{@code folder:DIR} a folder of images (see {@link #folder});
 *   <li>{@code image:FILE} one PNG, JPEG, PGM or PPM file, as a dataset of one unlabelled image.
 * </ul>
 *
 * Without one, the path decides: a folder is a folder dataset; a file is recognised by its first
 * uncompressed bytes: the IDX magic {@code 00 00 08 03} (unsigned-byte images of rank 3) makes it
 * an IDX image file, a PNG, JPEG or PNM signature a single image; anything else is a record file
 * whose uncompressed length must be a whole multiple of exactly one known record length (CIFAR-10:
 * 3,073 bytes, GTSRB: 3,676 bytes), which costs one extra pass over the file. A length that fits
 * both (a multiple of 11,296,348 bytes) or neither is an error asking for the format name. An
 * unknown prefix is read as part of the path, so {@code C:\data} still works.
 *
 * <p>IDX labels: the label file beside {@code X-images-idx3-Y} (or {@code X-images.idx3-Y}) is
 * {@code X-labels-idx1-Y} ({@code X-labels.idx1-Y}); it must exist when the image file is so named,
 * and its count must match. An image file not named so is read without labels.
 *
 * <p>Memory: IDX and record files keep one byte per pixel of the images read (MNIST train in full:
 * 47 MB; briefly up to about twice that while the buffer grows) and convert to float on {@link
 * ImageDataset#get}; a folder dataset keeps decoded float32 tensors (4 bytes per value). The limit
 * bounds both reading and memory: only the first {@code limit} images are decoded, except that an
 * IDX label file is always read whole (one byte per image).
 */
public final class Datasets {

    /** A limit that keeps every image. */
    public static final int ALL = Integer.MAX_VALUE;

    private static final Pattern PREFIXED = Pattern.compile("([A-Za-z][A-Za-z0-9]+):(.+)");
    private static final List<String> FORMATS =
            List.of("idx", "cifar10", "gtsrb", "folder", "image");
    private static final Pattern IDX_IMAGES = Pattern.compile("images([-.])idx3");

    private Datasets() {}

    /** Every image the description names; see the class comment for the syntax. */
    public static ImageDataset open(String description) {
        return open(description, ALL);
    }

    /**
     * The first {@code limit} images the description names.
     *
     * @throws BadInputException if the description, a file, or the limit is unusable
     */
    public static ImageDataset open(String description, int limit) {
        checkLimit(limit);
        if (description == null || description.isBlank()) {
            throw new BadInputException("dataset description is empty");
        }
        Matcher prefixed = PREFIXED.matcher(description);
        if (prefixed.matches() && !Files.exists(path(description))) {
            String format = prefixed.group(1).toLowerCase(Locale.ROOT);
            Path path = path(prefixed.group(2));
            if (!FORMATS.contains(format)) {
                throw new BadInputException(
                        "unknown dataset format '"
                                + prefixed.group(1)
                                + "' in '"
                                + description
                                + "' (known: "
                                + String.join(", ", FORMATS)
                                + ")");
            }
            return switch (format) {
                case "idx" -> idx(path, limit);
                case "folder" -> folder(path, limit);
                case "image" -> image(path);
                default -> records(path, RecordFormat.named(format).orElseThrow(), limit);
            };
        }
        return openPath(path(description), limit);
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new BadInputException("'" + text + "' is not a valid path: " + e.getReason(), e);
        }
    }

    private static ImageDataset openPath(Path path, int limit) {
        if (Files.isDirectory(path)) {
            return folder(path, limit);
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(path + ": no such file or folder");
        }
        int[] head = new int[4];
        try (BinaryInput in = BinaryInput.open(path)) {
            for (int i = 0; i < head.length; i++) {
                head[i] = in.readByteOrEnd("the first bytes");
            }
        }
        if (head[0] == 0 && head[1] == 0 && head[2] == IdxReader.UNSIGNED_BYTE) {
            if (head[3] == 3) {
                return idx(path, limit);
            }
            if (head[3] == 1) {
                throw new BadInputException(
                        path + ": is an IDX label file; give the image file (-images-idx3-)");
            }
        }
        if (isImageSignature(head)) {
            return image(path);
        }
        return records(path, RecordFileReader.detect(path), limit);
    }

    private static boolean isImageSignature(int[] head) {
        boolean png = head[0] == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        boolean jpeg = head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
        boolean pnm = head[0] == 'P' && head[1] >= '1' && head[1] <= '7';
        return png || jpeg || pnm;
    }

    /** An IDX image file, labelled by the conventionally named label file beside it. */
    public static ImageDataset idx(Path images, int limit) {
        checkLimit(limit);
        Optional<Path> labels = conventionalLabelFile(images);
        if (labels.isPresent() && !Files.exists(labels.get())) {
            throw new BadInputException(
                    images
                            + ": its label file "
                            + labels.get()
                            + " is missing (named by the -images-idx3- → -labels-idx1- convention)");
        }
        return IdxReader.read(images, labels.orElse(null), limit);
    }

    /**
     * An IDX image file (unsigned bytes, count × height × width) with an optional IDX label file
     * (unsigned bytes, count); the counts must agree. Grey, so images are 1×H×W.
     *
     * @param labels the label file, or null for unlabelled images
     */
    public static ImageDataset idx(Path images, Path labels, int limit) {
        checkLimit(limit);
        return IdxReader.read(images, labels, limit);
    }

    /** The first {@code limit} records of a record file (gzip or plain). */
    public static ImageDataset records(Path file, RecordFormat format, int limit) {
        checkLimit(limit);
        return RecordFileReader.read(file, format, limit);
    }

    /**
     * A folder of PNG, JPEG, PGM and PPM files: sub-folders sorted by name are the classes (the
     * names are kept as class names), loose images are unlabelled, images after the first {@code
     * limit} (loose ones first, then class by class, sorted by path) are not decoded. Grey images
     * give 1 channel, colour 3; all must share one shape.
     */
    public static ImageDataset folder(Path folder, int limit) {
        checkLimit(limit);
        return ImageFolderReader.read(folder, limit);
    }

    /** One image file as a dataset of one unlabelled image. */
    public static ImageDataset image(Path file) {
        var tensor = ImageFileDecoder.decode(file);
        int[] s = tensor.shape();
        return new TensorImageDataset(
                file + " (image)",
                new ImageShape(s[0], s[1], s[2]),
                List.of(new LabeledImage(tensor, LabeledImage.UNLABELLED)),
                List.of());
    }

    /**
     * The label file the naming convention pairs with an IDX image file: {@code -images-idx3-} →
     * {@code -labels-idx1-} (also {@code images.idx3} → {@code labels.idx1}) in the file name;
     * empty when the name does not follow it.
     */
    public static Optional<Path> conventionalLabelFile(Path images) {
        Path name = images.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = IDX_IMAGES.matcher(name.toString());
        if (!m.find()) {
            return Optional.empty();
        }
        String labels = m.replaceFirst("labels$1idx1");
        return Optional.of(images.resolveSibling(labels));
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new BadInputException("image limit must be at least 1, got " + limit);
        }
    }
}
