package dev.sensiprint.model;

import dev.sensiprint.tensor.FloatTensor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/**
 * Test-only readers for the shared MNIST and CIFAR-10 files, pixels scaled to [0,1]. Stand-in until
 * the dataset readers in {@code dev.sensiprint.data} are available on this branch.
 */
final class TestImages {

    /** Images N×C×H×W and their labels. */
    record Labelled(FloatTensor images, int[] labels) {
        int count() {
            return labels.length;
        }

        /** Images {@code from} (inclusive) to {@code to} (exclusive). */
        FloatTensor slice(int from, int to) {
            int[] s = images.shape().clone();
            int per = images.size() / s[0];
            s[0] = to - from;
            float[] d = new float[(to - from) * per];
            System.arraycopy(images.data(), from * per, d, 0, d.length);
            return new FloatTensor(s, d);
        }
    }

    private TestImages() {}

    /** The first {@code n} MNIST test images (IDX: 16-byte header, then uint8). */
    static Labelled mnistTest(int n) throws IOException {
        byte[] img = gunzip("mnist-t10k-images-idx3-ubyte.gz");
        byte[] lab = gunzip("mnist-t10k-labels-idx1-ubyte.gz");
        int count = new DataInputStream(new java.io.ByteArrayInputStream(img, 4, 4)).readInt();
        n = Math.min(n, count);
        float[] d = new float[n * 784];
        for (int i = 0; i < d.length; i++) {
            d[i] = (img[16 + i] & 0xff) / 255f;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = lab[8 + i] & 0xff;
        }
        return new Labelled(new FloatTensor(new int[] {n, 1, 28, 28}, d), labels);
    }

    /** The first {@code n} CIFAR-10 test images (records: label byte, 3×1024 bytes R, G, B). */
    static Labelled cifarTest(int n) throws IOException {
        byte[] b = gunzip("cifar10-test-first1000.bin.gz");
        n = Math.min(n, b.length / 3073);
        float[] d = new float[n * 3072];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = b[i * 3073] & 0xff;
            for (int j = 0; j < 3072; j++) {
                d[i * 3072 + j] = (b[i * 3073 + 1 + j] & 0xff) / 255f;
            }
        }
        return new Labelled(new FloatTensor(new int[] {n, 3, 32, 32}, d), labels);
    }

    private static byte[] gunzip(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedFiles.data(name)))) {
            return in.readAllBytes();
        }
    }
}
