package dev.sensiprint.train;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.ImageSubset;
import dev.sensiprint.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a recipe's training and test images come from, inside a data folder laid out like {@code
 * ../shared/data}.
 */
public sealed interface DataSplit {

    /** The training and test images. */
    record TrainTest(ImageDataset train, ImageDataset test) {}

    /**
     * Opens the split under {@code folder}.
     *
     * @throws BadInputException naming the missing or unreadable file
     */
    TrainTest open(Path folder);

    /** Separate training and test files (MNIST). */
    record SeparateFiles(String trainFile, String testFile) implements DataSplit {
        @Override
        public TrainTest open(Path folder) {
            return new TrainTest(
                    Datasets.open(require(folder, trainFile).toString()),
                    Datasets.open(require(folder, testFile).toString()));
        }
    }

    /**
     * One file split by class: within each class, every {@code every}-th image (the last of each
     * run of {@code every}) is a test image. A stratified split without randomness, for datasets
     * that come as one file (GTSRB test records, ORL faces).
     */
    record Stratified(String file, int every) implements DataSplit {
        public Stratified {
            if (every < 2) {
                throw new IllegalArgumentException("every must be at least 2, got " + every);
            }
        }

        @Override
        public TrainTest open(Path folder) {
            ImageDataset all = Datasets.open(require(folder, file).toString());
            if (all.numClasses() == 0) {
                throw new BadInputException(all.description() + ": has no labels to train on");
            }
            boolean[] test = new boolean[all.size()];
            int[] seen = new int[all.numClasses()];
            for (int i = 0; i < all.size(); i++) {
                int label = all.get(i).label();
                if (label >= 0) {
                    test[i] = ++seen[label] % every == 0;
                }
            }
            return new TrainTest(
                    ImageSubset.where(
                            all, i -> !test[i], "train split (" + (every - 1) + "/" + every + ")"),
                    ImageSubset.where(all, i -> test[i], "test split (1/" + every + ")"));
        }
    }

    private static Path require(Path folder, String file) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("--data " + folder + ": not a folder");
        }
        Path p = folder.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(
                    folder + ": lacks " + file + " (the recipe's data; see ../shared/data)");
        }
        return p;
    }
}
