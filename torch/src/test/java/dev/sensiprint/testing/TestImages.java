package dev.sensiprint.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Real test images read by hand from the shared data, as [0,1] pixels in C×H×W order.
 *
 * <p>TEMPORARY: stands in for the dataset readers of {@code dev.sensiprint.data} until they land in
 * main; replace the callers then.
 */
public final class TestImages {

    private TestImages() {}

    /** Image {@code index} of the MNIST test set (1×28×28). */
    public static float[] mnistTest(int index) throws IOException {
        Path file = SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz");
        try (DataInputStream in = gunzip(file)) {
            int magic = in.readInt();
            if (magic != 0x00000803) {
                throw new IOException(file + ": not an IDX3 file (magic " + magic + ")");
            }
            in.skipNBytes(12L + 784L * index);
            return scaled(in.readNBytes(784));
        }
    }

    /** Image {@code index} of the shared CIFAR-10 test subset (3×32×32, RGB planes). */
    public static float[] cifarTest(int index) throws IOException {
        Path file = SharedFiles.data("cifar10-test-first1000.bin.gz");
        try (DataInputStream in = gunzip(file)) {
            in.skipNBytes(3073L * index + 1); // label byte first
            return scaled(in.readNBytes(3072));
        }
    }

    private static DataInputStream gunzip(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static float[] scaled(byte[] bytes) {
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xff) / 255f;
        }
        return pixels;
    }
}
