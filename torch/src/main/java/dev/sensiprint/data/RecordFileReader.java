package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Files of labelled records ({@link RecordFormat}), gzip or plain, read front to back up to a
 * limit. The record count is not stored in the file; it is the data length over the record length,
 * and a partial last record is reported as truncated.
 */
final class RecordFileReader {

    private RecordFileReader() {}

    static ImageDataset read(Path file, RecordFormat format, int limit) {
        ImageShape shape = format.shape();
        int n = shape.valueCount();
        PixelBuffer pixels = new PixelBuffer(0);
        int[] labels = new int[16];
        int count = 0;
        try (BinaryInput in = BinaryInput.open(file)) {
            while (count < limit) {
                long start = in.offset();
                int label = in.readByteOrEnd("record " + count);
                if (label < 0) {
                    break;
                }
                if (label >= format.numClasses()) {
                    throw in.error(
                            "label "
                                    + label
                                    + " at offset "
                                    + start
                                    + " (record "
                                    + count
                                    + ") is out of range 0.."
                                    + (format.numClasses() - 1)
                                    + " for "
                                    + format.name());
                }
                int at = pixels.reserve(n);
                if (at < 0) {
                    throw in.error(
                            "more than 2 GiB of pixels at record " + count + "; give a limit");
                }
                in.readFully(pixels.array(), at, n, "the image of record " + count);
                if (count == labels.length) {
                    labels = Arrays.copyOf(labels, count + (count >> 1));
                }
                labels[count++] = label;
            }
            if (count == 0) {
                throw in.error("holds no " + format.name() + " records");
            }
        }
        String description = BinaryInput.name(file) + " (" + format.name() + " records)";
        return new ByteImageDataset(
                description,
                shape,
                pixels.toArray(),
                Arrays.copyOf(labels, count),
                format.classNames());
    }

    /**
     * The one known format whose record length divides the file's uncompressed length. For a gzip
     * file this costs one extra pass that decompresses it all, because a gzip file does not
     * reliably say its uncompressed length (its trailer holds it modulo 2^32, per member).
     */
    static RecordFormat detect(Path file) {
        long length;
        try (BinaryInput in = BinaryInput.open(file)) {
            if (in.isGzip()) {
                byte[] chunk = new byte[1 << 16];
                while (in.readSome(chunk) >= 0) {
                    // readSome advances the offset.
                }
                length = in.offset();
            } else {
                length = Files.size(file);
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read its length: " + e.getMessage(), e);
        }
        if (length == 0) {
            throw new BadInputException(BinaryInput.name(file) + ": is empty");
        }
        final long size = length;
        List<RecordFormat> fits =
                RecordFormat.KNOWN.stream().filter(f -> size % f.recordLength() == 0).toList();
        if (fits.size() == 1) {
            return fits.get(0);
        }
        String known =
                RecordFormat.KNOWN.stream()
                        .map(f -> f.name() + " " + f.recordLength())
                        .collect(Collectors.joining(", "));
        if (fits.isEmpty()) {
            throw new BadInputException(
                    BinaryInput.name(file)
                            + ": unknown format: "
                            + size
                            + " bytes is not a whole number of records of any known size ("
                            + known
                            + " bytes); name the format as FORMAT:FILE");
        }
        throw new BadInputException(
                BinaryInput.name(file)
                        + ": ambiguous format: "
                        + size
                        + " bytes fits "
                        + fits.stream().map(RecordFormat::name).collect(Collectors.joining(" and "))
                        + " records; name the format as FORMAT:FILE");
    }
}
