package dev.sensiprint.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * IDX files (LeCun's MNIST format, also used for Fashion-MNIST and the ORL faces here): a
 * big-endian header of two zero bytes, a data type byte, a rank byte and one 32-bit size per
 * dimension, then the values. Only unsigned-byte data (type 0x08) is read: images of rank 3 (count,
 * height, width), labels of rank 1 (count).
 *
 * <p>The label file is always read whole (one byte per image) so that the count check and the
 * number of classes (the largest label + 1) do not depend on the limit; images are read only up to
 * the limit.
 */
final class IdxReader {

    static final int UNSIGNED_BYTE = 0x08;

    private static final int LABEL_CHUNK = 1 << 20;

    private IdxReader() {}

    /** Dataset of the first {@code limit} images, labelled from {@code labels} if not null. */
    static ImageDataset read(Path images, Path labels, int limit) {
        ImageShape shape;
        byte[] pixels;
        int count;
        try (BinaryInput in = BinaryInput.open(images)) {
            int[] dims = header(in, 3, "image file (count, height, width)");
            count = dims[0];
            if (count == 0) {
                throw in.error("holds no images");
            }
            if ((long) dims[1] * dims[2] > Integer.MAX_VALUE) {
                throw in.error("IDX image size " + dims[1] + "×" + dims[2] + " is too large");
            }
            shape = new ImageShape(1, dims[1], dims[2]);
            int kept = Math.min(count, limit);
            int n = shape.valueCount();
            PixelBuffer buffer = new PixelBuffer((long) kept * n);
            for (int i = 0; i < kept; i++) {
                int at = buffer.reserve(n);
                if (at < 0) {
                    throw in.error("more than 2 GiB of pixels at image " + i + "; give a limit");
                }
                in.readFully(buffer.array(), at, n, "image " + i);
            }
            pixels = buffer.toArray();
            if (kept == count) {
                in.expectEnd(count + " images");
            }
        }
        int kept = pixels.length / shape.valueCount();
        int[] keptLabels = new int[kept];
        List<String> classNames = List.of();
        if (labels == null) {
            Arrays.fill(keptLabels, LabeledImage.UNLABELLED);
        } else {
            byte[] all = readLabels(labels, images, count);
            int max = 0;
            for (byte b : all) {
                max = Math.max(max, b & 0xFF);
            }
            for (int i = 0; i < kept; i++) {
                keptLabels[i] = all[i] & 0xFF;
            }
            classNames = ClassNames.numbered(max + 1);
        }
        String description = BinaryInput.name(images) + " (IDX)";
        return new ByteImageDataset(description, shape, pixels, keptLabels, classNames);
    }

    private static byte[] readLabels(Path labels, Path images, int imageCount) {
        try (BinaryInput in = BinaryInput.open(labels)) {
            int count = header(in, 1, "label file (count)")[0];
            if (count != imageCount) {
                throw in.error(
                        "holds "
                                + count
                                + " labels but "
                                + BinaryInput.name(images)
                                + " holds "
                                + imageCount
                                + " images");
            }
            PixelBuffer buffer = new PixelBuffer(count);
            for (int done = 0; done < count; ) {
                int n = Math.min(count - done, LABEL_CHUNK);
                int at = buffer.reserve(n);
                in.readFully(buffer.array(), at, n, "labels " + done + " to " + (done + n - 1));
                done += n;
            }
            byte[] all = buffer.toArray();
            in.expectEnd(count + " labels");
            return all;
        }
    }

    /** Reads and checks the header; returns the dimension sizes. */
    private static int[] header(BinaryInput in, int rank, String kind) {
        byte[] magic = new byte[4];
        in.readFully(magic, 0, 4, "the IDX magic number");
        if (magic[0] != 0 || magic[1] != 0) {
            throw in.error(
                    "not an IDX file: magic number "
                            + String.format(
                                    "%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3])
                            + " at offset 0 (expected 00 00, data type, rank)");
        }
        if (magic[2] != UNSIGNED_BYTE) {
            throw in.error(
                    String.format(
                            "IDX data type 0x%02x at offset 2 is not supported"
                                    + " (only 0x08, unsigned byte)",
                            magic[2] & 0xFF));
        }
        if (magic[3] != rank) {
            throw in.error(
                    "IDX rank "
                            + magic[3]
                            + " at offset 3, but an IDX "
                            + kind
                            + " has rank "
                            + rank);
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            long at = in.offset();
            dims[d] = in.readInt("IDX dimension " + d);
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw in.error("IDX dimension " + d + " at offset " + at + " is " + dims[d]);
            }
        }
        return dims;
    }
}
