package dev.sensiprint.model;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.LabeledImage;
import dev.sensiprint.data.RecordFormat;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;

/** The shared MNIST and CIFAR-10 test images as one N×C×H×W batch, through the dataset readers. */
final class TestImages {

    /** Images N×C×H×W in [0,1] and their labels. */
    record Labelled(FloatTensor images, int[] labels) {
        int count() {
            return labels.length;
        }
    }

    private TestImages() {}

    /** The first {@code n} MNIST test images. */
    static Labelled mnistTest(int n) {
        return batch(Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), n));
    }

    /** The first {@code n} of the 1,000 shared CIFAR-10 test images. */
    static Labelled cifarTest(int n) {
        return batch(
                Datasets.records(
                        SharedFiles.data("cifar10-test-first1000.bin.gz"),
                        RecordFormat.CIFAR10,
                        n));
    }

    private static Labelled batch(ImageDataset d) {
        int n = d.size();
        int[] shape = d.get(0).image().shape();
        int per = d.get(0).image().size();
        float[] data = new float[n * per];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            LabeledImage li = d.get(i);
            System.arraycopy(li.image().data(), 0, data, i * per, per);
            labels[i] = li.label();
        }
        return new Labelled(
                new FloatTensor(new int[] {n, shape[0], shape[1], shape[2]}, data), labels);
    }
}
