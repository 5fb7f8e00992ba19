package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of image files (PNG, JPEG, PGM, PPM), laid out like torchvision's ImageFolder: each
 * sub-folder is a class, sub-folders sorted by name give the class indices, and the images in a
 * class sub-folder (at any depth) carry its index. Image files directly in the folder have no label
 * ({@link LabeledImage#UNLABELLED}). Order: the loose images, then class 0's, class 1's, …, each
 * sorted by path. Hidden files and folders (".name") and files with other extensions are ignored.
 *
 * <p>Only the first {@code limit} images are decoded; all of them must have the shape of the first,
 * since nothing here resizes.
 */
final class ImageFolderReader {

    private ImageFolderReader() {}

    private record Entry(Path file, int label) {}

    static ImageDataset read(Path folder, int limit) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": not a folder");
        }
        List<Path> children = sortedChildren(folder);
        List<Entry> entries = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        for (Path child : children) {
            if (Files.isRegularFile(child) && ImageFileDecoder.hasImageExtension(child)) {
                entries.add(new Entry(child, LabeledImage.UNLABELLED));
            }
        }
        for (Path child : children) {
            if (!Files.isDirectory(child)) {
                continue;
            }
            int label = classNames.size();
            List<Path> images = imagesUnder(child);
            if (images.isEmpty()) {
                throw new BadInputException(
                        child + ": class folder holds no images (" + extensions() + ")");
            }
            classNames.add(child.getFileName().toString());
            images.forEach(image -> entries.add(new Entry(image, label)));
        }
        if (entries.isEmpty()) {
            throw new BadInputException(folder + ": holds no images (" + extensions() + ")");
        }
        int kept = Math.min(entries.size(), limit);
        List<LabeledImage> images = new ArrayList<>(kept);
        FloatTensor first = null;
        for (Entry entry : entries.subList(0, kept)) {
            FloatTensor image = ImageFileDecoder.decode(entry.file());
            if (first == null) {
                first = image;
            } else if (!Arrays.equals(image.shape(), first.shape())) {
                throw new BadInputException(
                        entry.file()
                                + ": image is "
                                + shapeText(image)
                                + " but the first image, "
                                + entries.get(0).file()
                                + ", is "
                                + shapeText(first)
                                + " (images of a folder dataset must share one shape)");
            }
            images.add(new LabeledImage(image, entry.label()));
        }
        int[] s = first.shape();
        return new TensorImageDataset(
                folder + " (image folder)", new ImageShape(s[0], s[1], s[2]), images, classNames);
    }

    private static List<Path> sortedChildren(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> !isHidden(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static List<Path> imagesUnder(Path classFolder) {
        try (Stream<Path> walk = Files.walk(classFolder)) {
            return walk.filter(p -> Files.isRegularFile(p) && ImageFileDecoder.hasImageExtension(p))
                    .filter(p -> !hasHiddenPart(classFolder.relativize(p)))
                    .sorted(Comparator.comparing(p -> classFolder.relativize(p).toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(classFolder + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hasHiddenPart(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String shapeText(FloatTensor image) {
        int[] s = image.shape();
        return s[0] + "×" + s[1] + "×" + s[2];
    }

    private static String extensions() {
        return ".png .jpg .jpeg .pgm .ppm .pnm";
    }
}
