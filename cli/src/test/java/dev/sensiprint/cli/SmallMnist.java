package dev.sensiprint.cli;

import dev.sensiprint.testing.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A data folder with the first images of the shared MNIST files under their usual names, so that a
 * recipe trains on real digits in a second instead of a minute.
 */
final class SmallMnist {

    private SmallMnist() {}

    static Path write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        copy("mnist-train-images-idx3-ubyte.gz", dir, train, 16, 784);
        copy("mnist-train-labels-idx1-ubyte.gz", dir, train, 8, 1);
        copy("mnist-t10k-images-idx3-ubyte.gz", dir, test, 16, 784);
        copy("mnist-t10k-labels-idx1-ubyte.gz", dir, test, 8, 1);
        return dir;
    }

    /** The header with the count replaced, then {@code count} records. */
    private static void copy(String name, Path dir, int count, int header, int record)
            throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedFiles.data(name)));
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            byte[] head = new DataInputStream(in).readNBytes(header);
            ByteBuffer.wrap(head).putInt(4, count);
            out.write(head);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(in.readNBytes(count * record));
            out.write(body.toByteArray());
        }
    }
}
