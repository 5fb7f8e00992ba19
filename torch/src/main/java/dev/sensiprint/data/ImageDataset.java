package dev.sensiprint.data;

import java.util.List;

/**
 * A finite, indexed collection of images of one shape, each with an optional class label.
 *
 * <p>Implementations are immutable once opened and safe to share between threads. {@link #get(int)}
 * returns a fresh or immutable tensor, never a view that later calls change.
 */
public interface ImageDataset {

    /** Number of images (after any limit given when opening). */
    int size();

    /**
     * The image at {@code index}, float32 C×H×W with values in [0, 1].
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code 0..size()-1}
     */
    LabeledImage get(int index);

    /** The shape every image of this dataset has. */
    ImageShape imageShape();

    /**
     * Class names, indexed by label: {@code "0".."9"} for MNIST, the CIFAR-10 names, the sub-folder
     * names of a folder dataset; empty for a dataset without labels.
     */
    List<String> classNames();

    /** Number of classes the labels index; 0 for a dataset without labels. */
    default int numClasses() {
        return classNames().size();
    }

    /** Where the images came from, for messages and reports (file or folder name, format). */
    String description();
}
